// The package's error class, in its own module so that api.js and request.js share it.

const BRAND = Symbol.for("wahook.WahookError");

/** The error `parse` throws: a real Error with `code`, and `line`/`column` for invalid JSON. */
export class WahookError extends Error {
  // `instanceof` holds across copies of this class: the ESM and CommonJS builds, the bundled Node
  // entry and `wahook/init` or `wahook/embedded` in the same process each have their own.
  static [Symbol.hasInstance](value) {
    return value != null && value[BRAND] === true;
  }
  constructor(info) {
    super(info && info.message ? info.message : "wahook error");
    this.name = "WahookError";
    this.code = (info && info.code) || "invalid_input";
    this.line = info && info.line != null ? info.line : null;
    this.column = info && info.column != null ? info.column : null;
    this.reason = info && info.reason != null ? info.reason : null;
    Object.defineProperty(this, BRAND, { value: true });
  }
  /** The plain error object that `safeParse` returns. */
  toJSON() {
    return { code: this.code, message: this.message, line: this.line, column: this.column, reason: this.reason };
  }
}
