/**
 * Express error handler for the GraphQL route: a body that is not JSON (400) or too large (413) gets a
 * GraphQL-shaped JSON error with code BAD_USER_INPUT instead of Express's HTML error page, so every
 * client can read what was wrong.
 */
import type { ErrorRequestHandler } from 'express';
import { LIMITS } from './limits.js';

export const bodyErrorHandler: ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') {
    return void res.status(413).json({
      errors: [
        {
          message: `request body is larger than ${LIMITS.maxBodyBytes} bytes`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  }
  // graphql-upload's errors for a malformed or oversized multipart request (http-errors, exposed).
  const status = (error as { status?: number; expose?: boolean }).status;
  if ((error as { expose?: boolean }).expose && status && status >= 400 && status < 500) {
    return void res.status(status).json({
      errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT' } }],
    });
  }
  if (type === 'entity.parse.failed') {
    return void res.status(400).json({
      errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  }
  next(error);
};
