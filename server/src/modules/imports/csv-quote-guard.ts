/**
 * Watches a CSV's bytes on their way into Postgres `COPY … (FORMAT csv)` and says whether Postgres will read
 * every field exactly as our own reader (csv-parse, read-sales-csv.ts) does. The two agree on RFC 4180
 * CSV: unquoted fields, and fields quoted from their first byte to a closing quote before a comma or a
 * line break (`""` inside for a quote). They part ways on what is not: Postgres treats a quote anywhere in
 * a field as the start of quoting (`Ki"te,s"` is one field `Kite,s`), where csv-parse refuses the file; and a
 * line starting `\.` ends a COPY's data early, silently. So any stray quote, and any line that starts with a
 * backslash, makes the guard refuse, and the import takes the careful path instead. Runs in the import's
 * process while Postgres parses on its own core; chunks without a quote or backslash cost one `indexOf`.
 */

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BACKSLASH = 0x5c;

/** Where the scan is: at a field's start (after a comma), at a line's start, in an unquoted or a quoted field,
 * or just after a quote inside a quoted field (a closing quote, or the first of `""`). */
type State = 'field-start' | 'line-start' | 'unquoted' | 'quoted' | 'quote-in-quoted';

export class CsvQuoteGuard {
  private state: State = 'line-start';
  /** Why the bytes are not safe for `COPY`; undefined while they are. */
  unsafe?: string;

  /** Scans the next chunk of the file. @returns false once the file is unsafe (and for every later chunk). */
  scan(chunk: Uint8Array): boolean {
    if (this.unsafe) return false;
    if (chunk.length === 0) return true;
    const plain = chunk.indexOf(QUOTE) === -1 && chunk.indexOf(BACKSLASH) === -1;
    // No quote and no backslash: only where the chunk ends matters (a quoted field stays quoted).
    if (plain && this.state !== 'quote-in-quoted' && this.state !== 'quoted') {
      this.state = this.after(chunk[chunk.length - 1]!);
      return true;
    }
    if (plain && this.state === 'quoted') return true;
    for (let i = 0; i < chunk.length; i++) {
      if (!this.step(chunk[i]!)) return false;
    }
    return true;
  }

  private step(byte: number): boolean {
    switch (this.state) {
      case 'line-start':
        if (byte === BACKSLASH)
          return this.refuse('a line starts with a backslash (COPY reads "\\." as the end)');
      // falls through: otherwise a line's start is a field's start
      case 'field-start':
        if (byte === QUOTE) this.state = 'quoted';
        else this.state = this.after(byte);
        return true;
      case 'unquoted':
        if (byte === QUOTE) return this.refuse('a quote inside an unquoted field');
        this.state = this.after(byte);
        return true;
      case 'quoted':
        if (byte === QUOTE) this.state = 'quote-in-quoted';
        return true;
      case 'quote-in-quoted':
        if (byte === QUOTE) this.state = 'quoted';
        else if (byte === COMMA || byte === LF || byte === CR) this.state = this.after(byte);
        else return this.refuse('text after a closing quote');
        return true;
    }
  }

  /** The state after an unquoted byte. */
  private after(byte: number): State {
    return byte === LF || byte === CR ? 'line-start' : byte === COMMA ? 'field-start' : 'unquoted';
  }

  private refuse(reason: string): false {
    this.unsafe = reason;
    return false;
  }

  /** Call at the end of the file. @returns false when it ends inside a quoted field. */
  end(): boolean {
    if (!this.unsafe && this.state === 'quoted') this.unsafe = 'the file ends inside a quoted field';
    return !this.unsafe;
  }
}
