// Benchmark child, the floor of the ejabberd row: parse one YAML file with the `yaml` package
// privacy-lint reads ejabberd.yml with, and nothing else. Usage: node bench/parse-yaml.js FILE
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument } from 'yaml';

// The options src/formats/yaml/parse-yaml.ts parses with (line counting, failsafe schema).
const doc = parseDocument(readFileSync(process.argv[2], 'utf8'), { lineCounter: new LineCounter(), uniqueKeys: false, schema: 'failsafe', prettyErrors: false });
console.log(JSON.stringify({ errors: doc.errors.length }));
