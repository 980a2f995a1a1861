#ifndef DOSSIER_CCURL_H
#define DOSSIER_CCURL_H
#include <stddef.h>

/* How an SMTP session uses TLS: none, STARTTLS when the server offers it, or STARTTLS required. */
enum ccurl_tls { CCURL_TLS_NONE = 0, CCURL_TLS_TRY = 1, CCURL_TLS_REQUIRED = 2 };

/* Sends one message (RFC 5322 bytes, CRLF line ends) through libcurl's SMTP client.
   url is smtp://host:port. user and password may be NULL. error receives libcurl's message
   (at least 256 bytes). Returns 0 on success, libcurl's error code otherwise. libcurl's setopt is
   variadic, which Swift cannot call: this wrapper is the only place that calls it. */
int ccurl_smtp_send(const char *url, const char *from, const char *to, const char *data, size_t length,
                    const char *user, const char *password, int tls, long timeout_seconds, char *error);

#endif
