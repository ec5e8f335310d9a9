import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@lib/config';
import {
  type CanActivate,
  type ExecutionContext,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';

/** Marks a route that also accepts a signed download link instead of a token. */
export const ALLOW_SIGNED_LINK = 'allowSignedLink';
export const AllowSignedLink = () => SetMetadata(ALLOW_SIGNED_LINK, true);

/**
 * Bearer API tokens (`API_TOKENS`) for the runs and definitions API. Tokens
 * are read at each request, so a rotated secret applies without a restart,
 * and compared in constant time.
 */
@Injectable()
export class ApiTokenGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const signedLink = typeof request.query.signature === 'string';
    if (signedLink && this.reflector.get<boolean>(ALLOW_SIGNED_LINK, context.getHandler())) {
      return true; // The handler checks the signature itself.
    }
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token || !this.accepted().some((accepted) => sameSecret(accepted, token))) {
      throw new UnauthorizedException(
        'A valid API token is required (Authorization: Bearer <token>)',
      );
    }
    return true;
  }

  private accepted(): string[] {
    const current = this.config.secrets.get('API_TOKENS');
    return current !== undefined
      ? current
          .split(',')
          .map((token) => token.trim())
          .filter(Boolean)
      : [...this.config.runsApi.tokens];
  }
}

function sameSecret(a: string, b: string): boolean {
  // Hashing first gives equal lengths, so the comparison leaks nothing.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}
