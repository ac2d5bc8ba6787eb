/** One Server-Sent Events message. */
export interface SseMessage {
  readonly event: string;
  readonly data: string;
}

/**
 * An incremental Server-Sent Events parser (the WHATWG format: `event:`/`data:` lines, a blank line ends a
 * message, `:` starts a comment). `EventSource` would parse for us but cannot send an Authorization header.
 */
export function createSseParser(onMessage: (message: SseMessage) => void): (chunk: string) => void {
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const line = (text: string) => {
    if (text === '') {
      if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n') });
      event = '';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };
  return (chunk) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.search(/\r\n|\r|\n/)) !== -1) {
      const newline = buffer.startsWith('\r\n', end) ? 2 : 1;
      // A lone \r at the end of a chunk may be the first half of \r\n: wait for the next chunk.
      if (buffer[end] === '\r' && newline === 1 && end === buffer.length - 1) break;
      line(buffer.slice(0, end));
      buffer = buffer.slice(end + newline);
    }
  };
}
