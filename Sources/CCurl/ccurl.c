#include "ccurl.h"
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct upload { const char *data; size_t length; size_t sent; };

static size_t read_message(char *buffer, size_t size, size_t count, void *userdata) {
    struct upload *up = userdata;
    size_t room = size * count;
    size_t left = up->length - up->sent;
    size_t n = left < room ? left : room;
    memcpy(buffer, up->data + up->sent, n);
    up->sent += n;
    return n;
}

int ccurl_smtp_send(const char *url, const char *from, const char *to, const char *data, size_t length,
                    const char *user, const char *password, int tls, long timeout_seconds, char *error) {
    char curl_error[CURL_ERROR_SIZE] = {0};
    CURL *curl = curl_easy_init();
    if (!curl) { strcpy(error, "libcurl could not start"); return -1; }
    struct upload up = { data, length, 0 };
    struct curl_slist *recipients = curl_slist_append(NULL, to);
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &up);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    /* No limit on the whole transfer (a 10 MB message on a slow line may take minutes): the time-out bounds
       connecting and each wait for a server reply (the greeting included), and a stalled upload. */
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_SERVER_RESPONSE_TIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    if (tls == CCURL_TLS_TRY) curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    if (tls == CCURL_TLS_REQUIRED) curl_easy_setopt(curl, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
    if (user) curl_easy_setopt(curl, CURLOPT_USERNAME, user);
    if (password) curl_easy_setopt(curl, CURLOPT_PASSWORD, password);
    CURLcode code = curl_easy_perform(curl);
    if (code != CURLE_OK) {
        const char *message = curl_error[0] ? curl_error : curl_easy_strerror(code);
        strncpy(error, message, 255);
        error[255] = 0;
    }
    curl_slist_free_all(recipients);
    curl_easy_cleanup(curl);
    return (int)code;
}

struct download { unsigned char *data; size_t length; size_t limit; };

static size_t write_response(char *buffer, size_t size, size_t count, void *userdata) {
    struct download *down = userdata;
    size_t n = size * count;
    if (down->length + n > down->limit) return 0; /* larger than any timestamp reply: stop */
    unsigned char *grown = realloc(down->data, down->length + n);
    if (!grown) return 0;
    down->data = grown;
    memcpy(down->data + down->length, buffer, n);
    down->length += n;
    return n;
}

int ccurl_http_post(const char *url, const char *content_type, const unsigned char *body, size_t length,
                    long timeout_seconds, size_t limit, unsigned char **response, size_t *response_length,
                    long *status, char *error) {
    char curl_error[CURL_ERROR_SIZE] = {0};
    *response = NULL; *response_length = 0; *status = 0;
    CURL *curl = curl_easy_init();
    if (!curl) { strcpy(error, "libcurl could not start"); return -1; }
    char header[256];
    snprintf(header, sizeof header, "Content-Type: %s", content_type);
    struct curl_slist *headers = curl_slist_append(NULL, header);
    struct download down = { NULL, 0, limit };
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, (const char *)body);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)length);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_response);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &down);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    CURLcode code = curl_easy_perform(curl);
    if (code == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, status);
        *response = down.data; *response_length = down.length;
    } else {
        const char *message = curl_error[0] ? curl_error : curl_easy_strerror(code);
        strncpy(error, message, 255);
        error[255] = 0;
        free(down.data);
    }
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return (int)code;
}
