/**
 * Request bodies with a ceiling, never buffered past it: a stream that errors once more than `max` bytes
 * went through (the GraphQL proxy pipes the browser's body through it to the API), and a bounded read
 * for small forms (sign-in). A Content-Length above the ceiling is refused before reading anything.
 */

/** Thrown into a limited stream when it goes past its ceiling. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Whether the declared Content-Length is already above `max`. */
export function declaredTooLarge(request: Request, max: number): boolean {
  const length = Number(request.headers.get('content-length') ?? Number.NaN);
  return Number.isFinite(length) && length > max;
}

/** Passes `body` through, erroring with BodyTooLargeError once more than `max` bytes went by. */
export function limitStream(body: ReadableStream<Uint8Array>, max: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > max) controller.error(new BodyTooLargeError(`body is larger than ${max} bytes`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** Reads a whole body of at most `max` bytes; `{ ok: false }` past it (reading stops there). */
export async function readLimitedBody(
  request: Request,
  max: number,
): Promise<{ ok: true; bytes: Uint8Array } | { ok: false }> {
  if (declaredTooLarge(request, max)) return { ok: false };
  if (!request.body) return { ok: true, bytes: new Uint8Array() };
  const chunks: Uint8Array[] = [];
  const reader = limitStream(request.body, max).getReader();
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { ok: false };
    throw error;
  }
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  chunks.reduce((offset, c) => (bytes.set(c, offset), offset + c.byteLength), 0);
  return { ok: true, bytes };
}
