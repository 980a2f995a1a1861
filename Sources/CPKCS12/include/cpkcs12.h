#ifndef DOSSIER_CPKCS12_H
#define DOSSIER_CPKCS12_H
#include <stddef.h>

/* Why a PKCS#12 file could not be read. */
enum cpkcs12_status {
    CPKCS12_OK = 0,
    CPKCS12_WRONG_PASSWORD = 1,   /* the integrity check (MAC) fails with this password */
    CPKCS12_NOT_PKCS12 = 2,       /* the bytes are not a PKCS#12 file */
    CPKCS12_INCOMPLETE = 3,       /* no private key, or no certificate, in it */
    CPKCS12_FAILED = 4            /* anything else: error holds OpenSSL's message */
};

/* Reads a PKCS#12 file (.p12, .pfx) into PEM text: its private key (unencrypted PKCS#8, kept in memory only),
   its certificate and its CA certificates (empty text when there are none). The caller frees the three texts
   with cpkcs12_free, which wipes them first. error receives a message (error_size bytes at most).
   Neither swift-crypto nor swift-certificates reads PKCS#12: OpenSSL's libcrypto does, and this is the only
   place the project calls it. */
int cpkcs12_read(const unsigned char *data, size_t length, const char *password,
                 char **key_pem, char **certificate_pem, char **chain_pem, char *error, size_t error_size);

/* Wipes and frees a text cpkcs12_read returned. */
void cpkcs12_free(char *text);

#endif
