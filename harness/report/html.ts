/** The few HTML helpers the report needs: text is always escaped, so no reason or message can break the page. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** A fragment of already-escaped HTML. */
export interface Html {
  readonly html: string;
}

export function raw(html: string): Html {
  return { html };
}

/** Tagged template: interpolated strings are escaped, `Html` fragments and arrays of them are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: readonly unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return { html: out };
}

function render(value: unknown): string {
  if (value === undefined || value === null || value === false) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map(render).join('');
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return esc(String(value));
  }
  if (typeof value === 'object' && 'html' in value && typeof value.html === 'string') {
    return value.html;
  }
  throw new TypeError(`cannot put ${typeof value} into HTML`);
}
