#!/usr/bin/env python3
"""Cross-checks uplyft's HS256 tokens against PyJWT, an independent JWT implementation.

Used by the end-to-end tests, run with a Python that has PyJWT installed (a venv):

    pyjwt_crosscheck.py sign SECRET SUB [TYPE]   prints a PyJWT-signed token with uplyft's claims
                                                 (TYPE is "access", the default, or "refresh")
    pyjwt_crosscheck.py verify SECRET TOKEN      verifies one of uplyft's tokens with PyJWT and
                                                 prints its claims as JSON with sorted keys

SECRET is taken as the UTF-8 bytes of the argument, as the server takes its configured secret.
Exit status: 0 on success, 1 when PyJWT refuses the token, 2 on a usage error.
"""

import json
import secrets
import sys
import time

import jwt

# The API's default lifetimes (UPLYFT_ACCESS_SECONDS, UPLYFT_REFRESH_SECONDS); only the claim
# shapes matter to the check.
ACCESS_LIFETIME_SECONDS = 300
REFRESH_LIFETIME_SECONDS = 86400
# Every claim uplyft's TokenClaims requires (nbf is optional there).
REQUIRED_CLAIMS = ["sub", "iat", "exp", "jti", "type"]


def sign(secret: str, subject: str, token_type: str) -> str:
    now = int(time.time())
    lifetime = ACCESS_LIFETIME_SECONDS if token_type == "access" else REFRESH_LIFETIME_SECONDS
    claims = {
        "sub": subject,
        "iat": now,
        "exp": now + lifetime,
        # 16 random bytes in base64url, the shape TokenClaims.newTokenID() produces.
        "jti": secrets.token_urlsafe(16),
        "type": token_type,
    }
    return jwt.encode(claims, secret.encode("utf-8"), algorithm="HS256")


def verify(secret: str, token: str) -> dict:
    # algorithms pins HS256, so a token naming another algorithm is refused, as uplyft does.
    return jwt.decode(
        token,
        secret.encode("utf-8"),
        algorithms=["HS256"],
        options={"require": REQUIRED_CLAIMS},
    )


def main(arguments: list) -> int:
    if len(arguments) in (3, 4) and arguments[0] == "sign":
        token_type = arguments[3] if len(arguments) == 4 else "access"
        if token_type not in ("access", "refresh"):
            print(f"unknown token type {token_type!r}", file=sys.stderr)
            return 2
        print(sign(arguments[1], arguments[2], token_type))
        return 0
    if len(arguments) == 3 and arguments[0] == "verify":
        try:
            claims = verify(arguments[1], arguments[2])
        except jwt.PyJWTError as error:
            print(f"PyJWT refused the token: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
        print(json.dumps(claims, sort_keys=True, separators=(",", ":")))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
