/**
 * brat and the W3C selectors count Unicode code points; JavaScript strings count UTF-16 units.
 * One pass builds the map, so conversions cost nothing per annotation.
 */
export class CodePoints {
  private readonly before: Uint32Array;

  constructor(text: string) {
    this.before = new Uint32Array(text.length + 1);
    let count = 0;
    for (let i = 0; i < text.length; i++) {
      this.before[i] = count;
      const c = text.charCodeAt(i);
      // The low half of a surrogate pair does not start a code point.
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) count++;
      else this.before[i] = count - 1;
    }
    this.before[text.length] = count;
  }

  /** The code-point offset of a UTF-16 offset. */
  at(utf16: number): number {
    return this.before[Math.max(0, Math.min(utf16, this.before.length - 1))];
  }
}
