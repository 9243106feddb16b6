// The slice of OpenSSL's libcrypto that uplyft uses, exposed to Swift as the CCrypto module.
// Two files import it, each a small wrapper the rest of the code goes through:
// Sources/API/Auth/Crypto.swift (HMAC, PBKDF2, random bytes) and
// Sources/Indexer/CatalogFileChecksum.swift (SHA-256 of a catalog file).
#ifndef UPLYFT_CCRYPTO_SHIM_H
#define UPLYFT_CCRYPTO_SHIM_H

#include <openssl/crypto.h>  // CRYPTO_memcmp
#include <openssl/evp.h>     // EVP_sha256, EVP_Digest*, PKCS5_PBKDF2_HMAC
#include <openssl/hmac.h>    // one-shot HMAC (HMAC_CTX is deprecated in OpenSSL 3)
#include <openssl/rand.h>    // RAND_bytes
#include <openssl/sha.h>     // one-shot SHA256

#endif
