// The API's error answers ({"error": {"code", "message"}}) as thrown values.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** An ApiError from a failed response, with the server's message when it sent one. */
export async function readError(response) {
  let code = 'http_error';
  const status = `${response.status} ${response.statusText}`.trim();
  let message = `The shop could not answer (${status}). Try again in a moment.`;
  try {
    const body = await response.json();
    if (body?.error?.message) {
      message = body.error.message;
      code = body.error.code ?? code;
    }
  } catch {
    // Not JSON (a proxy's error page): the status line is all there is to say.
  }
  return new ApiError(response.status, code, message);
}

/** The JSON body of `response`; an ApiError with a sentence for people when the body is not
 *  JSON (a proxy's or a captive portal's HTML page), never the parser's own SyntaxError. */
export async function readJSON(response) {
  try {
    return await response.json();
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(response.status, 'unreadable_answer', 'The shop sent an answer this page cannot read. Try again in a moment.');
  }
}

/** Describes a failed fetch() itself (no answer at all) in the shopper's terms. */
export function networkMessage(error) {
  return error instanceof TypeError ? 'The shop could not be reached. Check the connection and try again.' : error.message;
}
