/**
 * GET /plots/<model version id>.png: a version's evaluation plot (actual vs predicted on validation),
 * linked from `ModelVersion.plotUrl`. Versions never change, so the response is cacheable for good.
 */
import express from 'express';
import type { ModelVersionsService } from './model-versions.service.js';

export function createPlotRouter(versions: ModelVersionsService): express.Router {
  const router = express.Router();
  router.get('/plots/:file', async (req, res, next) => {
    try {
      const id = /^([0-9a-f-]{36})\.png$/i.exec(req.params.file)?.[1];
      const png = id ? await versions.plot(id) : null;
      if (!png) return void res.status(404).json({ error: 'no such plot' });
      res.type('png').set('Cache-Control', 'public, max-age=31536000, immutable').send(Buffer.from(png));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
