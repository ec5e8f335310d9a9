var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
import { createHash, timingSafeEqual } from 'node:crypto';
import { AppConfig } from "../../../../libs/config/src/index.js";
import { Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
/** Marks a route that also accepts a signed download link instead of a token. */
export const ALLOW_SIGNED_LINK = 'allowSignedLink';
export const AllowSignedLink = () => SetMetadata(ALLOW_SIGNED_LINK, true);
/**
 * Bearer API tokens (`API_TOKENS`) for the runs and definitions API. Tokens
 * are read at each request, so a rotated secret applies without a restart,
 * and compared in constant time.
 */
let ApiTokenGuard = class ApiTokenGuard {
    config;
    reflector;
    constructor(config, reflector) {
        this.config = config;
        this.reflector = reflector;
    }
    canActivate(context) {
        const request = context.switchToHttp().getRequest();
        const signedLink = typeof request.query.signature === 'string';
        if (signedLink && this.reflector.get(ALLOW_SIGNED_LINK, context.getHandler())) {
            return true; // The handler checks the signature itself.
        }
        const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
        if (!token || !this.accepted().some((accepted) => sameSecret(accepted, token))) {
            throw new UnauthorizedException('A valid API token is required (Authorization: Bearer <token>)');
        }
        return true;
    }
    accepted() {
        const current = this.config.secrets.get('API_TOKENS');
        return current !== undefined
            ? current.split(',').map((token) => token.trim()).filter(Boolean)
            : [...this.config.runsApi.tokens];
    }
};
ApiTokenGuard = __decorate([
    Injectable(),
    __metadata("design:paramtypes", [AppConfig,
        Reflector])
], ApiTokenGuard);
export { ApiTokenGuard };
function sameSecret(a, b) {
    // Hashing first gives equal lengths, so the comparison leaks nothing.
    const digest = (value) => createHash('sha256').update(value).digest();
    return timingSafeEqual(digest(a), digest(b));
}
//# sourceMappingURL=api-token.guard.js.map