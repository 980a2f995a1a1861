#ifndef DOSSIER_CCURL_H
#define DOSSIER_CCURL_H
#include <stddef.h>

/* How an SMTP session uses TLS: none, STARTTLS when the server offers it, or STARTTLS required. */
enum ccurl_tls { CCURL_TLS_NONE = 0, CCURL_TLS_TRY = 1, CCURL_TLS_REQUIRED = 2 };

/* Sends one message (RFC 5322 bytes, CRLF line ends) through libcurl's SMTP client.
   url is smtp://host:port. user and password may be NULL. error receives libcurl's message
   (at least 256 bytes). timeout_seconds bounds connecting, each wait for a reply and a stalled upload.
   Returns 0 on success, libcurl's error code otherwise. libcurl's setopt is
   variadic, which Swift cannot call: this wrapper is the only place that calls it. */
/* libcurl's codes for a server that cannot be reached: the name does not resolve, the connection is
   refused, or the server did not answer in time. */
enum ccurl_unreachable { CCURL_COULDNT_RESOLVE_HOST = 6, CCURL_COULDNT_CONNECT = 7, CCURL_OPERATION_TIMEDOUT = 28 };

int ccurl_smtp_send(const char *url, const char *from, const char *to, const char *data, size_t length,
                    const char *user, const char *password, int tls, long timeout_seconds, char *error);

/* POSTs body to an http(s) URL and returns the reply's body (malloc'd: the caller frees *response) and its
   HTTP status. timeout_seconds bounds the whole exchange; a reply larger than limit bytes is an error.
   Returns 0 on success, libcurl's error code otherwise (error receives its message, at least 256 bytes). */
int ccurl_http_post(const char *url, const char *content_type, const unsigned char *body, size_t length,
                    long timeout_seconds, size_t limit, unsigned char **response, size_t *response_length,
                    long *status, char *error);

#endif
