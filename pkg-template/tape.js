// Reads the result tape the wasm side writes (its format: bindings/wasm/src/tape.rs) into plain
// objects. Used by api.js; not part of the public API. Every op and flag is a literal annotated
// with the name of its constant in tape.rs (`case 5 /* STR */`); js-tests/tape-contract.test.mjs
// checks each against tape.rs, and the header slots against `Header`.

import { wasmMemory, resetTapeKeys } from "./wahook.js";
import { literals } from "./shapes.js";

// ignoreBOM: a pool that starts with U+FEFF (a string that does) keeps it, or every span after it
// would be off by one unit. A large pool of mostly non-ASCII text comes as UTF-16LE, which V8
// decodes ~5× faster than UTF-8 (tape.rs, H_POOL_UTF16).
const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const decoder16 = new TextDecoder("utf-16le", { ignoreBOM: true });
const proto = Object.prototype;

// Keys and enum values the wasm side has interned, by id; they cross the boundary once.
const keys = [];
// Model object shapes by id: the object-literal builder for its keys (shapes.js), or null.
const shapes = [];
// The keys of every shape learned, by id (for tests and scripts/gen-shapes.mjs).
const shapeKeys = [];
let memory, buffer, u32, f64, u8;
// The tape being read: position in u32 words, first f64 index, and the decoded string pool.
let at = 0, numAt = 0, pool = "";

function slice() {
  const start = u32[at], end = start + u32[at + 1];
  at += 2;
  return pool.slice(start, end);
}

function key() {
  const w = u32[at++];
  if (w < 0x40000000 /* KEY_NEW */) return keys[w];
  if (w < 0x80000000 /* KEY_DYNAMIC */) return (keys[w - 0x40000000] = slice());
  return slice();
}

/** One field of a shaped object: its key (skipped; the literal has it), then its value. */
function field() {
  key();
  return value();
}

/** `n` fields read as keyed stores; their keys go to `names` when given. */
function object(n, names) {
  const o = {};
  for (let i = 0; i < n; i++) {
    const k = key();
    const v = value();
    if (names) names[i] = k;
    // A key that Object.prototype has ("__proto__", "toString", "constructor"…) is defined as an
    // own property, as JSON.parse does: assigning "__proto__" would set the prototype, and
    // assigning any of them throws when Object.prototype is frozen (a common hardening step).
    if (k in proto) Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    else o[k] = v;
  }
  return o;
}

/** `n` values of a known shape without a literal: keyed stores with the keys learned for it. */
function bare(shape, n) {
  const names = shapeKeys[shape];
  if (names === undefined || names.length !== n) throw new Error("wahook: corrupt result tape");
  const o = {};
  for (let i = 0; i < n; i++) {
    const k = names[i], v = value();
    if (k in proto) Object.defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
    else o[k] = v;
  }
  return o;
}

/** A struct whose shape JS learns: read as keyed stores, remembering its keys. */
function learn(id, n) {
  const names = new Array(n);
  const o = object(n, names);
  shapeKeys[id] = names;
  shapes[id] = literals.get(names.join(",")) || null;
  return o;
}

function value() {
  switch (u32[at++]) {
    case 0 /* NULL */: return null;
    case 1 /* TRUE */: return true;
    case 2 /* FALSE */: return false;
    case 3 /* INT */: return u32[at++] | 0;
    case 4 /* NUM */: return f64[numAt + u32[at++]];
    case 5 /* STR */: return slice();
    case 6 /* ARR */: {
      const n = u32[at++];
      const a = new Array(n);
      for (let i = 0; i < n; i++) a[i] = value();
      return a;
    }
    case 7 /* OBJ */: return object(u32[at++]);
    case 8 /* CONST */: return key();
    case 9 /* STRUCT */: {
      const shape = u32[at], n = u32[at + 1];
      at += 2;
      if (shape < 0x20000000 /* SHAPE_KEYED */) {
        // Values only: a shape learned earlier.
        const build = shapes[shape];
        return build ? build(value) : bare(shape, n);
      }
      if (shape < 0x40000000 /* SHAPE_NEW */) {
        const build = shapes[shape - 0x20000000 /* SHAPE_KEYED */];
        return build ? build(field) : object(n);
      }
      return shape === 0xffffffff /* NO_SHAPE */ ? object(n) : learn(shape - 0x40000000 /* SHAPE_NEW */, n);
    }
    default: throw new Error("wahook: corrupt result tape");
  }
}

/** Whether the last tape's pool came as UTF-16 (for tests). */
export let lastPoolUtf16 = false;
/** Size in bytes of the last tape's pool (for tests: repeated values are written once). */
export let lastPoolBytes = 0;

/** Turns the tape whose header is at `header` into `{ ok, value }` / `{ ok, error }`. */
export function readTape(header) {
  if (memory === undefined) memory = wasmMemory();
  if (memory.buffer !== buffer) {
    buffer = memory.buffer;
    u32 = new Uint32Array(buffer);
    f64 = new Float64Array(buffer);
    u8 = new Uint8Array(buffer);
  }
  const h = header >>> 2;
  const ok = u32[h + 0 /* H_OK */] === 1, poolPtr = u32[h + 5 /* H_POOL */], poolLen = u32[h + 6 /* H_POOL_LEN */];
  at = u32[h + 1 /* H_WORDS */] >>> 2;
  numAt = u32[h + 3 /* H_NUMS */] >>> 3;
  lastPoolUtf16 = u32[h + 7 /* H_POOL_UTF16 */] === 1;
  lastPoolBytes = poolLen;
  pool = poolLen === 0 ? "" : (lastPoolUtf16 ? decoder16 : decoder).decode(u8.subarray(poolPtr, poolPtr + poolLen));
  let v;
  try {
    v = value();
  } catch (e) {
    // Keys and shapes the tape defined past this point are unknown here: both sides start over.
    keys.length = 0;
    shapes.length = 0;
    shapeKeys.length = 0;
    resetTapeKeys();
    throw e;
  } finally {
    pool = "";
  }
  return ok ? { ok: true, value: v } : { ok: false, error: v };
}

/** The shapes learned so far: their keys, and whether an object literal builds them. */
export function learnedShapes() {
  return shapeKeys.map((names, id) => ({ keys: names, literal: shapes[id] != null }));
}
