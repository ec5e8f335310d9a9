/** Splits `Name <user@host>` (name optional, may be quoted) into its parts; a bare address stays whole. */
export function parseMailAddress(address) {
    const match = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+)>\s*$/.exec(address);
    if (!match)
        return { email: address.trim() };
    const [, name, email] = match;
    return name ? { email: email, name } : { email: email };
}
//# sourceMappingURL=mail-address.js.map