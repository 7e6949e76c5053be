// Rust keeps unit tests in the source files: an item under `#[cfg(test)]` (`mod tests { … }`, or
// `mod tests;` pointing at a file the manifest's exclude globs leave out) is test code, not the
// processor's. This blanks each such item in the masked text, attribute included.

export function blankRustTestItems(masked: string): string {
  const chars = masked.split('');
  const attr = /#\[cfg\(test\)\]/g;
  for (let m = attr.exec(masked); m !== null; m = attr.exec(masked)) {
    const end = itemEnd(masked, m.index + m[0].length);
    for (let k = m.index; k < end; k++) if (chars[k] !== '\n') chars[k] = ' ';
    attr.lastIndex = end;
  }
  return chars.join('');
}

/** End (exclusive) of the item that starts after `from`: its `;`, or its matching `}`. */
function itemEnd(text: string, from: number): number {
  let depth = 0;
  for (let k = from; k < text.length; k++) {
    const ch = text[k];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && ch === ';') return k + 1;
    else if (depth === 0 && ch === '{') {
      let braces = 0;
      for (let j = k; j < text.length; j++) {
        if (text[j] === '{') braces++;
        else if (text[j] === '}' && --braces === 0) return j + 1;
      }
      return text.length;
    }
  }
  return text.length;
}
