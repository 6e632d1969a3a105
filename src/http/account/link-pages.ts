// The answer to a mailed link that no longer works (used, expired, mistyped: hashed tokens cannot tell these
// apart): one themed page that says so and leads to asking for a new one.
import type { FastifyReply } from 'fastify';
import type { AppError } from '../../kernel/errors.js';
import { renderAccountNotice } from '../../../themes/default/index.js';
import type { LinkVM } from '../../../themes/view-models.js';
import type { HttpDeps } from '../deps.js';
import { statusOf } from '../errors.js';
import { sendAccountPage } from './page.js';

export function linkRefusedPage(deps: HttpDeps, reply: FastifyReply, error: unknown, next: LinkVM): Promise<FastifyReply> {
  const refusal = error as AppError;
  return sendAccountPage(deps, reply, 'This link is no longer valid', renderAccountNotice({
    heading: 'This link is no longer valid',
    messages: [refusal.message],
    links: [next],
    refused: true,
  }), { status: statusOf(refusal.kind) });
}
