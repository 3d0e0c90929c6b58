// SPDX-License-Identifier: MIT
// Prints the first names of every locale of an unpacked @faker-js/faker
// package (MIT) as JSON {locale: [names]}, for tools/build_given_names.py.
// Usage: node tools/dump_faker_first_names.mjs /path/to/package
import { pathToFileURL } from 'node:url';

const dir = process.argv[2];
const { allLocales } = await import(pathToFileURL(dir + '/dist/index.js').href);
const out = {};
for (const [code, loc] of Object.entries(allLocales)) {
  const fn = loc?.person?.first_name;
  if (!fn) continue;
  const names = new Set();
  for (const v of Object.values(fn)) if (Array.isArray(v)) v.forEach((n) => names.add(n));
  out[code] = [...names].sort();
}
console.log(JSON.stringify(out));
