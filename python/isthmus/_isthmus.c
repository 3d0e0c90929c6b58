/* SPDX-License-Identifier: MIT */
/*
 * _isthmus.c - the CPython extension under the isthmus package: a
 * database (compiled from paths, loaded from a file or from bytes) and
 * tagging into the CLI's JSON record (src/cli/record.c), with the GIL
 * released while scanning.  Each call takes a scratch from the object's
 * pool, so threads tag in parallel with one database.  The Python layer
 * (__init__.py) adds defaults, dicts, tag_many and pickling.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <string.h>

#include "isthmus.h"
#include "json.h"
#include "record.h"

static PyObject *Error;     /* isthmus.Error */
static PyObject *DataError; /* isthmus.DataError: file, line, col */

typedef struct {
    PyObject_HEAD isth_db *db;
    PyThread_type_lock lock; /* guards the pool */
    isth_scratch **pool;
    size_t n_pool, cap_pool;
} TaggerObject;

/* Sets attribute name of o to v (a new reference, which it takes); a
 * NULL v (out of memory) sets nothing. */
static void set_attr(PyObject *o, const char *name, PyObject *v)
{
    if (v) {
        PyObject_SetAttrString(o, name, v);
        Py_DECREF(v);
    }
}

/* Raises the error of code rc: DataError with file, line and col when
 * err names a place in a file, else Error. */
static PyObject *set_error(int rc, const isth_error *err)
{
    char buf[640];
    PyObject *exc, *type = err && err->file[0] ? DataError : Error;

    if (rc == ISTH_ENOMEM)
        return PyErr_NoMemory();
    if (err && err->code)
        isth_error_format(err, buf, sizeof buf);
    else
        snprintf(buf, sizeof buf, "%s", isth_strerror(rc));
    exc = PyObject_CallFunction(type, "s", buf);
    if (!exc)
        return NULL;
    if (type == DataError) {
        set_attr(exc, "file", PyUnicode_DecodeFSDefault(err->file));
        set_attr(exc, "line", PyLong_FromUnsignedLong(err->line));
        set_attr(exc, "col", PyLong_FromUnsignedLong(err->col));
    }
    set_attr(exc, "code", PyLong_FromLong(rc));
    PyErr_SetObject(type, exc);
    Py_DECREF(exc);
    return NULL;
}

/* A list of str (or os.PathLike) as UTF-8 paths; *keep holds them. */
static int paths(PyObject *seq, const char ***out, size_t *n, PyObject **keep)
{
    Py_ssize_t i, len;

    *out = NULL;
    *n = 0;
    *keep = NULL;
    if (!seq || seq == Py_None)
        return 0;
    if (!(*keep = PySequence_List(seq)))
        return -1;
    len = PyList_GET_SIZE(*keep);
    if (!(*out = PyMem_Calloc((size_t)len + 1, sizeof **out)))
        return PyErr_NoMemory(), -1;
    for (i = 0; i < len; i++) {
        PyObject *b = NULL;
        if (!PyUnicode_FSConverter(PyList_GET_ITEM(*keep, i), &b))
            return -1;
        PyList_SET_ITEM(*keep, i, b); /* the list keeps the bytes alive */
        (*out)[i] = PyBytes_AS_STRING(b);
    }
    *n = (size_t)len;
    return 0;
}

static int Tagger_init(TaggerObject *self, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"gazetteers", "rules", "db", "data",
                             "as_of",      "label", NULL};
    PyObject *gaz = NULL, *rules = NULL, *dbpath = NULL, *keep_g = NULL,
             *keep_r = NULL;
    const char *as_of = NULL, *label = NULL;
    Py_buffer data = {0};
    isth_compile_options o = ISTH_COMPILE_OPTIONS_INIT;
    isth_error err;
    isth_db *db = NULL;
    int rc;

    memset(&err, 0, sizeof err);
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|OOO&y*zz", kwlist, &gaz,
                                     &rules, PyUnicode_FSConverter, &dbpath,
                                     &data, &as_of, &label))
        return -1;
    if (data.buf) {
        Py_BEGIN_ALLOW_THREADS
        rc = isth_db_deserialize(&db, data.buf, (size_t)data.len, &err);
        Py_END_ALLOW_THREADS
    } else if (dbpath) {
        const char *p = PyBytes_AS_STRING(dbpath);
        Py_BEGIN_ALLOW_THREADS
        rc = isth_db_load(&db, p, &err);
        Py_END_ALLOW_THREADS
    } else {
        if (paths(gaz, (const char ***)&o.gazetteers, &o.n_gazetteers,
                  &keep_g) ||
            paths(rules, (const char ***)&o.rules, &o.n_rules, &keep_r)) {
            rc = -1;
            goto out;
        }
        o.as_of = as_of;
        o.default_label = label;
        Py_BEGIN_ALLOW_THREADS
        rc = isth_db_compile(&db, &o, &err);
        Py_END_ALLOW_THREADS
    }
    if (rc)
        set_error(rc, &err);
out:
    PyMem_Free((void *)o.gazetteers);
    PyMem_Free((void *)o.rules);
    Py_XDECREF(keep_g);
    Py_XDECREF(keep_r);
    Py_XDECREF(dbpath);
    if (data.buf)
        PyBuffer_Release(&data);
    if (rc) {
        isth_db_free(db);
        return -1;
    }
    /* Scratches belong to the database they were made for. */
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    while (self->n_pool)
        isth_scratch_free(self->pool[--self->n_pool]);
    PyThread_release_lock(self->lock);
    isth_db_free(self->db);
    self->db = db;
    return 0;
}

static void Tagger_dealloc(TaggerObject *self)
{
    size_t i;
    for (i = 0; i < self->n_pool; i++)
        isth_scratch_free(self->pool[i]);
    PyMem_RawFree(self->pool);
    if (self->lock)
        PyThread_free_lock(self->lock);
    isth_db_free(self->db);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *Tagger_new(PyTypeObject *type, PyObject *a, PyObject *k)
{
    TaggerObject *self = (TaggerObject *)type->tp_alloc(type, 0);
    (void)a;
    (void)k;
    if (self && !(self->lock = PyThread_allocate_lock())) {
        Py_DECREF(self);
        return PyErr_NoMemory();
    }
    return (PyObject *)self;
}

/* A scratch from the pool, or a new one; NULL when out of memory. */
static isth_scratch *take(TaggerObject *self)
{
    isth_scratch *s = NULL;
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    if (self->n_pool)
        s = self->pool[--self->n_pool];
    PyThread_release_lock(self->lock);
    if (!s && isth_scratch_alloc(self->db, &s))
        return NULL;
    return s;
}

static void give(TaggerObject *self, isth_scratch *s)
{
    PyThread_acquire_lock(self->lock, WAIT_LOCK);
    if (self->n_pool == self->cap_pool) {
        size_t cap = self->cap_pool ? 2 * self->cap_pool : 8;
        isth_scratch **p = PyMem_RawRealloc(self->pool, cap * sizeof *p);
        if (!p) {
            PyThread_release_lock(self->lock);
            isth_scratch_free(s);
            return;
        }
        self->pool = p;
        self->cap_pool = cap;
    }
    self->pool[self->n_pool++] = s;
    PyThread_release_lock(self->lock);
}

static PyObject *Tagger_tag_json(TaggerObject *self, PyObject *args,
                                 PyObject *kw)
{
    static char *kwlist[] = {"text",    "offsets",   "attributes",
                             "explain", "min_score", NULL};
    const char *text, *offsets = "codepoints";
    PyObject *str;
    Py_ssize_t len;
    int attributes = 0, explain = 0, rc = ISTH_OK;
    double min_score = -1;
    struct sbuf out = {0};
    struct record w;
    const isth_result *r;
    isth_scratch *s;
    isth_error err;
    PyObject *res;

    if (!self->db) {
        PyErr_SetString(Error, "the tagger has no database");
        return NULL;
    }
    if (!PyArg_ParseTupleAndKeywords(args, kw, "U|sppd", kwlist, &str, &offsets,
                                     &attributes, &explain, &min_score) ||
        !(text = PyUnicode_AsUTF8AndSize(str, &len)))
        return NULL; /* the UTF-8 lives as long as str, an argument */
    memset(&w, 0, sizeof w);
    memset(&err, 0, sizeof err);
    if (record_unit(offsets, &w.unit)) {
        PyErr_Format(PyExc_ValueError,
                     "offsets must be codepoints, bytes or utf16, not '%s'",
                     offsets);
        return NULL;
    }
    w.out = &out;
    w.db = self->db;
    w.attributes = attributes;
    w.min_score = min_score;
    w.scan_flags = explain ? ISTH_SCAN_EXPLAIN : 0;
    if (!(s = take(self)))
        return PyErr_NoMemory();
    Py_BEGIN_ALLOW_THREADS
    sbuf_lit(&out, "{");
    if (explain) {
        rc = isth_annotate(self->db, text, (size_t)len, w.scan_flags, s, &r,
                           &err);
        if (!rc)
            record_results(&w, text, r);
    } else {
        /* As isthmus tag does: a long document in parts. */
        record_entities_begin(&w, text);
        rc = isth_annotate_stream(self->db, text, (size_t)len, 0, s,
                                  record_on_match, &w, &r, &err);
        if (!rc)
            record_entities_end(&w, r);
    }
    sbuf_lit(&out, "}");
    Py_END_ALLOW_THREADS
    give(self, s);
    record_free(&w);
    if (rc) {
        sbuf_free(&out);
        return set_error(rc, &err);
    }
    res = PyUnicode_DecodeUTF8(out.ptr, (Py_ssize_t)out.len, "strict");
    sbuf_free(&out);
    return res;
}

static PyObject *Tagger_serialize(TaggerObject *self, PyObject *unused)
{
    char *bytes = NULL;
    size_t len = 0;
    int rc;
    PyObject *res;
    (void)unused;
    if (!self->db) {
        PyErr_SetString(Error, "the tagger has no database");
        return NULL;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = isth_db_serialize(self->db, &bytes, &len);
    Py_END_ALLOW_THREADS
    if (rc)
        return set_error(rc, NULL);
    res = PyBytes_FromStringAndSize(bytes, (Py_ssize_t)len);
    isth_free(bytes);
    return res;
}

static PyObject *Tagger_save(TaggerObject *self, PyObject *args)
{
    PyObject *path = NULL;
    isth_error err;
    int rc;
    memset(&err, 0, sizeof err);
    if (!PyArg_ParseTuple(args, "O&", PyUnicode_FSConverter, &path))
        return NULL;
    Py_BEGIN_ALLOW_THREADS
    rc = isth_db_save(self->db, PyBytes_AS_STRING(path), &err);
    Py_END_ALLOW_THREADS
    Py_DECREF(path);
    if (rc)
        return set_error(rc, &err);
    Py_RETURN_NONE;
}

static PyObject *Tagger_counts(TaggerObject *self, PyObject *unused)
{
    (void)unused;
    return Py_BuildValue("{s:n,s:n,s:n}", "entities",
                         (Py_ssize_t)isth_db_entity_count(self->db), "rules",
                         (Py_ssize_t)isth_db_rule_count(self->db), "topics",
                         (Py_ssize_t)isth_db_topic_count(self->db));
}

static PyMethodDef Tagger_methods[] = {
    {"tag_json", (PyCFunction)(void (*)(void))Tagger_tag_json,
     METH_VARARGS | METH_KEYWORDS,
     "tag_json(text, offsets='codepoints', attributes=False, explain=False,"
     " min_score=-1) -> str: the CLI's JSON record, without its id"},
    {"serialize", (PyCFunction)Tagger_serialize, METH_NOARGS,
     "serialize() -> bytes: the database, as 'isthmus compile' writes it"},
    {"save", (PyCFunction)Tagger_save, METH_VARARGS,
     "save(path): write the database to a file (for 'tag --db')"},
    {"counts", (PyCFunction)Tagger_counts, METH_NOARGS,
     "counts() -> dict: entities, rules and topics in the database"},
    {NULL, NULL, 0, NULL}};

static PyTypeObject TaggerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "isthmus._isthmus.Tagger",
    .tp_basicsize = sizeof(TaggerObject),
    .tp_dealloc = (destructor)Tagger_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Tagger(gazetteers=None, rules=None, db=None, data=None, "
              "as_of=None, label=None): a compiled isthmus database",
    .tp_methods = Tagger_methods,
    .tp_init = (initproc)Tagger_init,
    .tp_new = Tagger_new,
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_isthmus",
                                    "The C core of the isthmus package.", -1,
                                    NULL};

PyMODINIT_FUNC PyInit__isthmus(void)
{
    PyObject *m;
    if (PyType_Ready(&TaggerType) < 0 || !(m = PyModule_Create(&module)))
        return NULL;
    Error = PyErr_NewException("isthmus.Error", NULL, NULL);
    DataError = PyErr_NewException("isthmus.DataError", Error, NULL);
    if (!Error || !DataError ||
        PyModule_AddObjectRef(m, "Tagger", (PyObject *)&TaggerType) ||
        PyModule_AddObjectRef(m, "Error", Error) ||
        PyModule_AddObjectRef(m, "DataError", DataError) ||
        PyModule_AddStringConstant(m, "version", isth_version_string())) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
