/** Telegram's limit on one message's text. */
export const MAX_MESSAGE_LENGTH = 4096;

/** Escapes text (scraped titles, model answers) for Telegram's HTML parse mode. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value (a link's href) for HTML parse mode. */
export function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, '&quot;');
}

/**
 * Splits text into messages of at most `limit` characters, at line boundaries where possible
 * (a single longer line is cut hard). Joining the parts with '\n' gives back the text.
 */
export function splitMessage(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  if (text.length <= limit) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    parts.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > limit) {
      if (current !== '') flush();
      parts.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    }
    if (current === '') current = rest;
    else if (current.length + 1 + rest.length <= limit) current += `\n${rest}`;
    else {
      flush();
      current = rest;
    }
  }
  parts.push(current);
  return parts;
}

/**
 * Escapes plain text for HTML parse mode and splits it like splitMessage; a long line is never cut
 * inside an entity such as &amp;.
 */
export function splitEscaped(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  const lines: string[] = [];
  for (const line of escapeHtml(text).split('\n')) {
    let rest = line;
    while (rest.length > limit) {
      let cut = limit;
      const amp = rest.lastIndexOf('&', cut - 1);
      if (amp > cut - 6 && rest.indexOf(';', amp) >= cut) cut = amp;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    lines.push(rest);
  }
  return splitMessage(lines.join('\n'), limit);
}
