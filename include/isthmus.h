/* SPDX-License-Identifier: MIT */
/*
 * isthmus.h - the whole public API of libisthmus.
 *
 * isthmus tags named entities in text from YAML gazetteers.  It follows the
 * "compile once, scan many" model:
 *
 *   isth_db_compile()     YAML gazetteers -> immutable isth_db
 *   isth_scratch_alloc()  per-thread mutable scan state
 *   isth_scan()           text -> matches, reported through a callback
 *
 * An isth_db never changes after it is compiled, so any number of threads
 * may scan with it at once, each with its own isth_scratch.  Offsets in
 * matches are byte offsets into the caller's original text; helpers convert
 * them to code points or UTF-16 code units.
 *
 * Failure classes in the function comments follow Lua's manual:
 *   '-' never fails, 'm' fails only when out of memory,
 *   'v' fails as described.
 *
 * The library never prints and never exits.  Errors are returned as an int
 * status (ISTH_OK or a negative ISTH_E* code) with details in a caller-owned
 * isth_error.
 */
#ifndef ISTHMUS_H
#define ISTHMUS_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(ISTH_SHARED_BUILD)
#define ISTH_API __declspec(dllexport)
#elif defined(__GNUC__)
#define ISTH_API __attribute__((visibility("default")))
#else
#define ISTH_API
#endif

#define ISTH_VERSION_MAJOR 0
#define ISTH_VERSION_MINOR 1
#define ISTH_VERSION_PATCH 0
#define ISTH_VERSION_STRING "0.1.0"
#define ISTH_VERSION_NUMBER                                                    \
    (ISTH_VERSION_MAJOR * 10000 + ISTH_VERSION_MINOR * 100 + ISTH_VERSION_PATCH)

/* Status codes.  ISTH_OK is zero, errors are negative. */
enum {
    ISTH_OK = 0,
    ISTH_ENOMEM = -1,           /* out of memory */
    ISTH_EINVAL = -2,           /* bad argument (NULL handle, bad option) */
    ISTH_EIO = -3,              /* a file could not be read */
    ISTH_EPARSE = -4,           /* YAML syntax error */
    ISTH_ESCHEMA = -5,          /* valid YAML, invalid gazetteer or rule */
    ISTH_EREGEX = -6,           /* a regular expression failed to compile */
    ISTH_ETOOBIG = -7,          /* a size limit was reached */
    ISTH_EBADDB = -8,           /* a serialized database is corrupt */
    ISTH_EDBVERSION = -9,       /* a serialized database has another version */
    ISTH_ESCRATCH_IN_USE = -10, /* scratch used by two scans at once */
    ISTH_ESTOPPED = -11,        /* the match callback asked to stop */
    ISTH_ELIMIT = -12           /* a regular expression hit a match limit */
};

/*
 * Details of an error, filled by the library.  Filling it allocates
 * nothing.  Every function taking an isth_error accepts NULL.
 */
typedef struct isth_error {
    int code;           /* ISTH_E*, or ISTH_OK */
    char file[256];     /* source path, truncated; "" if none */
    unsigned line, col; /* 1-based; 0 = unknown */
    long long offset;   /* byte offset in file or pattern; -1 = unknown */
    char msg[256];      /* one line, lower case, no trailing period */
} isth_error;

/* Opaque handles. */
typedef struct isth_db isth_db;
typedef struct isth_scratch isth_scratch;

/* -------------------------------------------------------------------- */
/* Version                                                                */

/* The library's version number, ISTH_VERSION_NUMBER at build time.  (-) */
ISTH_API int isth_version(void);

/* The library's version string, static.  (-) */
ISTH_API const char *isth_version_string(void);

/* -------------------------------------------------------------------- */
/* Errors                                                                 */

/* A static description of a status code, never NULL.  (-) */
ISTH_API const char *isth_strerror(int code);

/*
 * Writes "file:line:col: message" (the parts that are known) into buf,
 * NUL-terminated and truncated to size.  Returns the length the full text
 * would have, like snprintf.  (-)
 */
ISTH_API size_t isth_error_format(const isth_error *err, char *buf,
                                  size_t size);

/* -------------------------------------------------------------------- */
/* Compile                                                                */

#define ISTH_COMPILE_OPTIONS_VERSION 3

/* Severity of a diagnostic reported while compiling. */
enum { ISTH_DIAG_ERROR = 0, ISTH_DIAG_WARNING = 1 };

/*
 * Called once per diagnostic while compiling: an error or a warning at
 * diag's file:line:col.  diag is valid during the call only.
 */
typedef void (*isth_diag_cb)(int severity, const isth_error *diag, void *ctx);

/*
 * What to compile.  Initialise with ISTH_COMPILE_OPTIONS_INIT, then set
 * the fields you need; unknown versions are rejected with ISTH_EINVAL.
 */
typedef struct isth_compile_options {
    unsigned version;
    /* Gazetteer paths: YAML files, plain lists (".txt", one name per
     * line), or directories searched recursively for "*.yaml" and
     * "*.yml" files, loaded in sorted order. */
    const char *const *gazetteers;
    size_t n_gazetteers;
    /* Rule paths, same form: pattern rules, topics and scoring settings
     * (see docs/rules.md and docs/topics.md). */
    const char *const *rules;
    size_t n_rules;
    /* Largest YAML file accepted, in bytes; 0 = 256 MiB. */
    size_t max_file_bytes;
    /* "YYYY-MM-DD", or NULL.  Entries and aliases may carry a validity
     * range ('valid: {from, to}'): with a date, only what was valid that
     * day is loaded; with NULL, entries load whatever their range and
     * date-bounded aliases (roles such as "the defense secretary") do
     * not load. */
    const char *as_of;
    /* Label of the names in plain-list gazetteers (".txt", one name per
     * line) that have no '# label:' line; NULL: such a file is refused. */
    const char *default_label;
    /* Version 2.  With on_diagnostic, every error is reported through it
     * and loading goes on past an entry, rule or file in error, so one
     * run shows them all (the call still fails, with the first error in
     * err); warnings are reported too (a label close to a known one,
     * names that may surprise; see "isthmus check").  NULL: stop at the
     * first error, no warnings. */
    isth_diag_cb on_diagnostic;
    void *diagnostic_ctx;
    /* Version 2, with on_diagnostic: common words of the language (UTF-8,
     * any case).  A one-word name that is one of them, matched in any
     * case and without a context condition, is warned about. */
    const char *const *common_words;
    size_t n_common_words;
    /* Version 3, with on_diagnostic: non-zero reports errors only, and
     * spends no time looking for warnings (the lint of a million names
     * takes seconds). */
    int errors_only;
} isth_compile_options;

#define ISTH_COMPILE_OPTIONS_INIT                                              \
    {                                                                          \
        ISTH_COMPILE_OPTIONS_VERSION, NULL, 0, NULL, 0, 0, NULL, NULL, NULL,   \
            NULL, NULL, 0, 0                                                   \
    }

/*
 * Compiles gazetteers into a new immutable database.
 *
 * @param out   receives the database, or NULL on failure
 * @param opts  what to compile
 * @param err   error details on failure (may be NULL)
 * @return ISTH_OK; ISTH_EINVAL, ISTH_EIO, ISTH_EPARSE, ISTH_ESCHEMA,
 *         ISTH_ETOOBIG or ISTH_ENOMEM with file:line:col in err.
 * The caller owns *out and frees it with isth_db_free().  Thread-safe.  (v)
 */
ISTH_API int isth_db_compile(isth_db **out, const isth_compile_options *opts,
                             isth_error *err);

/*
 * A compiled database as bytes: a self-describing, versioned, checksummed
 * format (see "Serialized format" in DESIGN.md).  *bytes is allocated by
 * the library: release it with isth_free().  Same database, same bytes.
 * @return ISTH_OK, ISTH_EINVAL, ISTH_ENOMEM.  (m)
 */
ISTH_API int isth_db_serialize(const isth_db *db, char **bytes, size_t *len);

/*
 * A database from bytes made by isth_db_serialize().  Every offset and
 * index is checked: truncated or corrupt bytes give ISTH_EBADDB, another
 * format version ISTH_EDBVERSION, never a crash.  The bytes are not kept.
 * @return ISTH_OK, ISTH_EBADDB, ISTH_EDBVERSION, ISTH_ENOMEM,
 *         ISTH_EINVAL.  (m)
 */
ISTH_API int isth_db_deserialize(isth_db **out, const char *bytes, size_t len,
                                 isth_error *err);

/* isth_db_deserialize() on a file, read through mmap.  ISTH_EIO too. */
ISTH_API int isth_db_load(isth_db **out, const char *path, isth_error *err);

/* isth_db_serialize() to a file, through a temporary file renamed at
 * the end.  ISTH_EIO too. */
ISTH_API int isth_db_save(const isth_db *db, const char *path, isth_error *err);

/*
 * A 64-bit hash of everything isth_db_compile(opts) would read: the
 * library version, the options, and the name and bytes of every file the
 * paths lead to.  Equal hashes mean an equal database: a key for a cache
 * of serialized databases that can never be stale.
 * @return ISTH_OK, ISTH_EIO, ISTH_EINVAL, ISTH_ENOMEM.
 */
ISTH_API int isth_inputs_hash(const isth_compile_options *opts, uint64_t *hash,
                              isth_error *err);

/*
 * The isth_inputs_hash() of the bytes a database was compiled from.
 * isth_db_compile() reads each file once and hashes and parses the same
 * bytes, so a file edited during a compile can never be cached under the
 * hash of its old bytes: save a compiled database under this hash, not
 * under one computed before the compile.
 * @return ISTH_OK, or ISTH_EINVAL when db was not made by
 *         isth_db_compile() (a loaded database does not keep it).  (-)
 */
ISTH_API int isth_db_inputs_hash(const isth_db *db, uint64_t *hash);

/* Frees memory the library returned (isth_db_serialize's bytes). */
ISTH_API void isth_free(void *p);

/* Frees a database; NULL is ignored.  No scan may be running.  (-) */
ISTH_API void isth_db_free(isth_db *db);

/* Number of entities in the database.  (-) */
ISTH_API size_t isth_db_entity_count(const isth_db *db);

/* Number of distinct normalized names (automaton patterns).  (-) */
ISTH_API size_t isth_db_pattern_count(const isth_db *db);

/* One attribute of an entity: both strings are UTF-8, NUL-terminated. */
typedef struct isth_attribute {
    const char *key;
    const char *value;
} isth_attribute;

/* Everything known about one entity.  All pointers are borrowed from the
 * database and live as long as it does. */
typedef struct isth_entity_info {
    const char *id;    /* stable id from the gazetteer */
    const char *name;  /* canonical name */
    const char *label; /* PERSON, GPE, ..., or a label of the user's own */
    const char *kind;  /* finer kind, "" if none */
    const char *file;  /* display path of the defining file */
    unsigned line;     /* line of the entry in that file */
    int priority;
    const isth_attribute *attributes;
    size_t n_attributes;
} isth_entity_info;

/*
 * Fills *out with entity number index (0 <= index < entity count).
 * @return ISTH_OK, or ISTH_EINVAL for a bad index or NULL argument.  (v)
 */
ISTH_API int isth_db_entity(const isth_db *db, size_t index,
                            isth_entity_info *out);

/*
 * Finds an entity by its id.  @return its index, or (size_t)-1 when no
 * entity has that id.  (-)
 */
ISTH_API size_t isth_db_find(const isth_db *db, const char *id);

/* -------------------------------------------------------------------- */
/* Scratch                                                                */

/*
 * Allocates scratch space for scanning with db, or grows *scratch (when it
 * is not NULL) so that it also fits db.  One scratch serves one thread.
 * @return ISTH_OK, ISTH_EINVAL, ISTH_ENOMEM.  On failure an existing
 *         *scratch is left as it was.  (m)
 */
ISTH_API int isth_scratch_alloc(const isth_db *db, isth_scratch **scratch);

/* Makes an independent copy of a scratch, for another thread.  (m) */
ISTH_API int isth_scratch_clone(isth_scratch **out, const isth_scratch *src);

/* Frees a scratch; NULL is ignored.  (-) */
ISTH_API void isth_scratch_free(isth_scratch *scratch);

/* -------------------------------------------------------------------- */
/* Scan                                                                   */

/* Flags for isth_scan() and isth_annotate(). */
enum {
    ISTH_SCAN_DEFAULT = 0,
    /* Report every candidate, nested and overlapping ones too, instead of
     * resolving overlaps (see "Precedence" in DESIGN.md). */
    ISTH_SCAN_OVERLAPS_ALL = 1u << 0,
    /* isth_annotate(): also list the candidates that lost, and why. */
    ISTH_SCAN_EXPLAIN = 1u << 1,
    /* isth_annotate(): skip topic scoring. */
    ISTH_SCAN_NO_TOPICS = 1u << 2
};

/* isth_match.entity for an entity made by a rule and linked to no entry. */
#define ISTH_NO_ENTITY ((size_t)-1)

/*
 * One entity in a document, from a gazetteer entry, a pattern rule, or a
 * rule linked to an entry.  Strings are UTF-8 and NUL-terminated; they and
 * the arrays are valid during the callback (isth_scan) or until the next
 * use of the scratch (isth_annotate).
 */
typedef struct isth_match {
    size_t start, end; /* byte offsets into the scanned text, [start, end) */
    size_t entity;     /* entity index, or ISTH_NO_ENTITY */
    const char *id;    /* entry id, or the rule's id template result */
    const char *label; /* PERSON, GPE, ... */
    const char *name;  /* canonical name; the matched text for rules */
    const char *kind;  /* "" if none */
    const char *file;  /* where the entry (else the rule) is defined */
    unsigned line;
    const char *rule; /* id of the rule that made it, NULL if none */
    /* The entry's attributes, then the rule's (with captures filled). */
    const isth_attribute *attributes;
    size_t n_attributes;
    /* Other entities with the same normalized name that lost on context,
     * priority or load order, best first. */
    const size_t *alternatives;
    size_t n_alternatives;
} isth_match;

/* Called once per entity, in order of start (then longer first).  Return
 * 0 to go on, anything else to stop the scan. */
typedef int (*isth_match_cb)(const isth_match *match, void *ctx);

/*
 * Scans text (any bytes: invalid UTF-8 and NUL are allowed) and reports
 * matches through on_match: isth_annotate_stream() without topics, so a
 * document longer than 1 MiB is taken in parts and memory stays bounded.
 *
 * @param db        compiled database
 * @param text      the document; not kept after the call
 * @param len       its length in bytes
 * @param flags     ISTH_SCAN_* flags
 * @param scratch   scratch allocated for db, used by one scan at a time
 * @param on_match  callback (may be NULL to only count)
 * @param ctx       passed to on_match
 * @return ISTH_OK; ISTH_ESTOPPED when the callback stopped the scan;
 *         ISTH_EINVAL, ISTH_ESCRATCH_IN_USE, ISTH_ENOMEM, ISTH_ETOOBIG,
 *         ISTH_ELIMIT.
 * Thread-safe for distinct scratches.  Allocates only to grow the scratch
 * for a longer part than it has seen.  (v)
 */
ISTH_API int isth_scan(const isth_db *db, const char *text, size_t len,
                       unsigned flags, isth_scratch *scratch,
                       isth_match_cb on_match, void *ctx);

/* Why a candidate is not among a document's entities. */
typedef enum isth_loss {
    ISTH_LOST_OVERLAP = 1, /* a span of higher precedence overlaps it */
    ISTH_LOST_CONTEXT = 2, /* its context condition failed */
    ISTH_LOST_CASE = 3,    /* the text's case breaks the name's policy */
    ISTH_LOST_RULE = 4,    /* a rule dropped it (by_rule says which) */
    ISTH_LOST_TIE = 5      /* another entry of the same name won on priority
                              or load order (by_id says which) */
} isth_loss;

/* A candidate that lost (with ISTH_SCAN_EXPLAIN). */
typedef struct isth_rejection {
    size_t start, end;
    const char *id, *label; /* the candidate */
    const char *file;       /* where it is defined */
    unsigned line;
    const char *rule; /* rule that made it, NULL if none */
    isth_loss reason;
    /* ISTH_LOST_OVERLAP: the winning span, its id (NULL if it has none)
     * and its rule (NULL if an entry alone made it). */
    size_t by_start, by_end;
    const char *by_id, *by_rule;
    /* One line: the word that broke a context condition ("excluded:" or
     * "none of requires_any"), the case policy, the tie-break. */
    const char *detail;
} isth_rejection;

/* Why an entity with a context condition was kept (with
 * ISTH_SCAN_EXPLAIN): the word that satisfied the condition. */
typedef struct isth_note {
    size_t start, end;
    const char *id;
    const char *detail; /* "required: \"word\" at byte N (...)" */
} isth_note;

/* One piece of evidence for a topic. */
typedef struct isth_evidence {
    size_t start, end; /* byte offsets of the cue in the text */
    const char *cue;   /* the keyword, pattern name or entity condition */
    double weight;     /* negative for negative cues */
} isth_evidence;

/* A topic's score for a document. */
typedef struct isth_topic_score {
    const char *label;
    double score;                  /* in [0, 1]; see "Topics" in DESIGN.md */
    int labelled;                  /* score >= the topic's threshold */
    const isth_evidence *evidence; /* in text order, at most 32 */
    size_t n_evidence;
    size_t n_hits; /* all hits, including those not listed */
} isth_topic_score;

/* Everything isth_annotate() found.  Owned by the scratch. */
typedef struct isth_result {
    const isth_match *entities; /* by start, then longer first */
    size_t n_entities;
    const isth_topic_score *topics; /* every topic with a score > 0, by
                                       score (then label) */
    size_t n_topics;
    const isth_rejection *rejected; /* with ISTH_SCAN_EXPLAIN, by start */
    size_t n_rejected;
    size_t n_words;        /* words in the document */
    const isth_note *kept; /* with ISTH_SCAN_EXPLAIN, by start */
    size_t n_kept;
} isth_result;

/*
 * Annotates text: entities (gazetteers, rules, context, precedence) and
 * topic scores.  *result stays valid until the scratch is used again or
 * freed.  err (may be NULL) says which rule hit a limit.
 * @return ISTH_OK; ISTH_ELIMIT when a regular expression exceeded its
 *         match, depth or heap limit on this text; ISTH_EINVAL,
 *         ISTH_ESCRATCH_IN_USE, ISTH_ENOMEM, ISTH_ETOOBIG.  (v)
 */
ISTH_API int isth_annotate(const isth_db *db, const char *text, size_t len,
                           unsigned flags, isth_scratch *scratch,
                           const isth_result **result, isth_error *err);

/*
 * isth_annotate() for documents of any length in bounded memory: the
 * entities are handed to on_match (may be NULL) as soon as they are
 * final, in the order of isth_result.entities, and are not kept.  The
 * document is taken in parts of at most 1 MiB, each ending at a
 * paragraph break, a line break, the end of a sentence or a space where
 * one lies in its second half: memory grows with a part, not with the
 * document.  A document of 1 MiB or less is one part, and its entities
 * and topics are exactly those of isth_annotate().  In a longer one,
 * context conditions, rules and the passes over the whole document
 * (acronyms, short forms, surnames, lists) see the part they are in;
 * topics add up over all the parts, so they are those of the whole
 * document.  The regex budget is the document's.
 *
 * *result (may be NULL) has the topics, n_entities (the number handed
 * to on_match) and n_words; its entities array is empty.
 * ISTH_SCAN_EXPLAIN is refused (ISTH_EINVAL): use isth_annotate().
 * @return as isth_annotate(), and ISTH_ESTOPPED when on_match returned
 *         non-zero.  On an error after a first part, on_match has seen
 *         that part's entities.  (v)
 */
ISTH_API int isth_annotate_stream(const isth_db *db, const char *text,
                                  size_t len, unsigned flags,
                                  isth_scratch *scratch, isth_match_cb on_match,
                                  void *ctx, const isth_result **result,
                                  isth_error *err);

/* Number of topics, and one topic's label, description and threshold. */
ISTH_API size_t isth_db_topic_count(const isth_db *db);
ISTH_API int isth_db_topic(const isth_db *db, size_t index, const char **label,
                           const char **description, double *threshold);

/* Number of pattern rules.  (-) */
ISTH_API size_t isth_db_rule_count(const isth_db *db);

/*
 * The key names are matched by: text normalized as isth_scan() sees it
 * (compatibility forms, accents removed, quotes and dashes unified, each
 * run of white space one space, trimmed) and case folded.  Two names
 * with the same key are the same name to the automaton.  Writes the key,
 * NUL-terminated and truncated to size, into buf (may be NULL) and
 * returns its full length, or (size_t)-1 when out of memory.  (m)
 */
ISTH_API size_t isth_name_key(const char *text, size_t len, char *buf,
                              size_t size);

/* -------------------------------------------------------------------- */
/* Offsets                                                                */

typedef enum isth_unit {
    ISTH_UNIT_BYTES = 0,
    ISTH_UNIT_CODEPOINTS = 1, /* as Python str indices */
    ISTH_UNIT_UTF16 = 2       /* as JavaScript and Java string indices */
} isth_unit;

/*
 * Counts the units in text[0, len).  Each byte of invalid UTF-8 counts as
 * one code point (U+FFFD) and one UTF-16 unit, as isth_scan() sees it.
 * To convert a byte offset b, call isth_count_units(text, b, unit).  (-)
 */
ISTH_API size_t isth_count_units(const char *text, size_t len, isth_unit unit);

#ifdef __cplusplus
}
#endif

#endif /* ISTHMUS_H */
