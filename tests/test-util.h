/* test-util.h: shared helpers of the gsctp tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gsctp/gsctp.h>

G_BEGIN_DECLS

GSctpSocket *test_socket_new (GSctpSocketType type);
GSctpSocket *test_server_new (GSctpSocketType type, guint16 *port);
GSctpSocket *test_multihomed_server_new (GSocketFamily family, const char *const *ips, guint n_ips,
                                         guint16 *port, GError **error);
GSocketAddress *test_address (const char *ip, guint16 port);
GSctpAssocChange *test_connect (GSctpSocket *client, guint16 port, guint16 ostreams);
GBytes *test_bytes (const char *text);
void test_set_buffers (GSctpSocket *socket, int bytes);
gboolean test_bytes_equal_string (GBytes *bytes, const char *text);
GSctpMessage *test_receive (GSctpSocket *socket);
GSctpMessage *test_receive_within (GSctpSocket *socket, int timeout_ms);
gboolean test_userland (void);
void test_add_kernel_only (const char *path, GTestFunc func);
void test_init (int *argc, char ***argv);
void test_no_data (GSctpSocket *socket, int timeout_ms);
void test_receive_end (GSctpSocket *socket);
GThread *test_cancel_later (GCancellable *cancellable, guint ms);

/* A listening one-to-many server and a client associated with it. */
typedef struct {
  GSctpSocket *server;
  GSctpSocket *client;
  GSctpAssocChange *change;
  guint16 port;
} TestPair;

gboolean test_pair_setup (TestPair *pair, guint16 ostreams, int buffers);
void test_pair_clear (TestPair *pair);
void test_pair_send (TestPair *pair, guint n, const char *prefix);
GSctpMessage *test_next_event (GSctpSocket *socket, GSctpEventType type);

/* Records association changes emitted by a socket. */
typedef struct {
  GPtrArray *changes;
  GThread *thread;
} TestChanges;

void test_changes_watch (TestChanges *changes, GSctpSocket *socket);
void test_changes_clear (TestChanges *changes);
const GSctpAssocChange *test_changes_find (TestChanges *changes, GSctpAssocState state);
void test_wait_for_change (GSctpSocket *socket, TestChanges *changes,
                           GSctpAssocState state, int timeout_ms);

G_END_DECLS
