#include "cpkcs12.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <string.h>

/* The text written to a memory BIO, as a NUL-terminated malloc'd string. */
static char *bio_text(BIO *bio) {
    char *data = NULL;
    long length = BIO_get_mem_data(bio, &data);
    char *text = OPENSSL_malloc((size_t)length + 1);
    if (text == NULL) return NULL;
    if (length > 0) memcpy(text, data, (size_t)length);
    text[length] = '\0';
    return text;
}

static void set_error(char *error, size_t size, const char *fallback) {
    unsigned long code = ERR_get_error();
    if (code != 0) ERR_error_string_n(code, error, size);
    else snprintf(error, size, "%s", fallback);
    ERR_clear_error();
}

int cpkcs12_read(const unsigned char *data, size_t length, const char *password,
                 char **key_pem, char **certificate_pem, char **chain_pem, char *error, size_t error_size) {
    *key_pem = *certificate_pem = *chain_pem = NULL;
    error[0] = '\0';
    /* Files exported by older tools use RC2 or 3DES, which OpenSSL 3 keeps in its legacy provider. */
    OSSL_PROVIDER_try_load(NULL, "legacy", 1);
    OSSL_PROVIDER_try_load(NULL, "default", 1);

    int status = CPKCS12_FAILED;
    BIO *input = BIO_new_mem_buf(data, (int)length);
    PKCS12 *p12 = input ? d2i_PKCS12_bio(input, NULL) : NULL;
    EVP_PKEY *key = NULL;
    X509 *certificate = NULL;
    STACK_OF(X509) *cas = NULL;
    BIO *keyOut = NULL, *certOut = NULL, *chainOut = NULL;
    if (p12 == NULL) { set_error(error, error_size, "not a PKCS#12 file"); status = CPKCS12_NOT_PKCS12; goto done; }
    if (PKCS12_mac_present(p12) && !PKCS12_verify_mac(p12, password, -1)) {
        set_error(error, error_size, "wrong password");
        status = CPKCS12_WRONG_PASSWORD;
        goto done;
    }
    if (!PKCS12_parse(p12, password, &key, &certificate, &cas)) { set_error(error, error_size, "cannot decrypt the file"); goto done; }
    if (key == NULL || certificate == NULL) {
        snprintf(error, error_size, "%s", key == NULL ? "the file holds no private key" : "the file holds no certificate");
        status = CPKCS12_INCOMPLETE;
        goto done;
    }
    keyOut = BIO_new(BIO_s_secmem());
    certOut = BIO_new(BIO_s_mem());
    chainOut = BIO_new(BIO_s_mem());
    if (!keyOut || !certOut || !chainOut
        || !PEM_write_bio_PKCS8PrivateKey(keyOut, key, NULL, NULL, 0, NULL, NULL)
        || !PEM_write_bio_X509(certOut, certificate)) { set_error(error, error_size, "cannot write PEM"); goto done; }
    for (int i = 0; cas != NULL && i < sk_X509_num(cas); i++) {
        if (!PEM_write_bio_X509(chainOut, sk_X509_value(cas, i))) { set_error(error, error_size, "cannot write PEM"); goto done; }
    }
    *key_pem = bio_text(keyOut);
    *certificate_pem = bio_text(certOut);
    *chain_pem = bio_text(chainOut);
    if (!*key_pem || !*certificate_pem || !*chain_pem) { snprintf(error, error_size, "out of memory"); goto done; }
    status = CPKCS12_OK;
done:
    if (status != CPKCS12_OK) {
        cpkcs12_free(*key_pem); cpkcs12_free(*certificate_pem); cpkcs12_free(*chain_pem);
        *key_pem = *certificate_pem = *chain_pem = NULL;
    }
    BIO_free(keyOut); BIO_free(certOut); BIO_free(chainOut);
    EVP_PKEY_free(key); X509_free(certificate); sk_X509_pop_free(cas, X509_free);
    PKCS12_free(p12); BIO_free(input);
    return status;
}

void cpkcs12_free(char *text) {
    if (text == NULL) return;
    OPENSSL_clear_free(text, strlen(text) + 1);
}
