// Sends data as a JSON file to save: an attachment, never shown in the browser, never kept by any cache.
import type { FastifyReply } from 'fastify';
import { markPersonal } from './cache/tags.js';

export function sendJsonDownload(reply: FastifyReply, filename: string, data: unknown): FastifyReply {
  markPersonal(reply);
  return reply
    .header('Cache-Control', 'no-store')
    .header('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .type('application/json; charset=utf-8')
    .send(`${JSON.stringify(data, null, 2)}\n`);
}
