/* gsctp-associate.c: setting up associations with GSctpSocket, as
 * gen_sctp's connect, connect_init and connect to a host name
 *
 * A connect registers its association as pending, so that whoever reads
 * the association's change hands it over; a synchronous connect reads (and
 * queues what it did not want) until then.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gsctp-socket-private.h"

/* Called with the lock held: starts an association and registers it as
 * pending, so that whoever reads its association change keeps it. */
static GSctpPendingConnect *
start_connect (GSctpSocket *self,
               GSocketAddress * const *addresses,
               guint n_addresses,
               const GSctpInitMsg *init_msg,
               GError **error)
{
  GSctpEndpoint *endpoint = self->endpoint;
  GSctpPendingConnect *pending;
  GSctpAssocId assoc_id;

  if (!gsctp_socket_check_open (self, error) ||
      !gsctp_check_families (self->family, addresses, n_addresses, error))
    return NULL;
  if (init_msg != NULL &&
      !endpoint->backend->set_struct (endpoint, GSCTP_STRUCT_INIT_MSG, init_msg, error))
    return NULL;
  if (!endpoint->backend->connect (endpoint, addresses, n_addresses, &assoc_id, error))
    return NULL;

  pending = g_new0 (GSctpPendingConnect, 1);
  pending->assoc_id = assoc_id;
  g_hash_table_insert (self->connects, GINT_TO_POINTER (assoc_id), pending);
  return pending;
}

static void
abort_association (GSctpSocket *self,
                   GSctpAssocId assoc_id)
{
  GSctpSndInfo info = { .assoc_id = assoc_id, .flags = GSCTP_SEND_FLAGS_ABORT };

  self->endpoint->backend->send (self->endpoint, &info, NULL, NULL, 0, NULL);
}

/**
 * gsctp_socket_associate:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): the peer's addresses; with
 *   several, the first one that answers sets up the association
 *   (`sctp_connectx()`)
 * @n_addresses: the number of @addresses
 * @init_msg: (nullable): stream counts and INIT retransmission for this
 *   and later associations, as gen_sctp's `{sctp_initmsg, …}` option
 * @timeout_ms: how long to wait, in milliseconds; -1 waits until the
 *   kernel gives up (about 4.5 minutes with RFC 9260 defaults)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Establishes an association with a peer and waits until it is up, as
 * gen_sctp's `connect/4,5`. A one-to-many socket may hold associations
 * with several peers.
 *
 * When the peer refuses the association or does not answer, fails with
 * %GSCTP_ERROR_CANT_ASSOCIATE (a one-to-many socket learns it from the
 * `cant-assoc` event) or the %G_IO_ERROR of a one-to-one socket. On timeout
 * (%G_IO_ERROR_TIMED_OUT) or cancellation the half-made association is
 * aborted. Either way [signal@Gsctp.Socket::association-change] is
 * emitted as well.
 *
 * Returns: (transfer full): the association change of the new association,
 *   its state %GSCTP_ASSOC_STATE_COMM_UP; %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate (GSctpSocket *self,
                      GSocketAddress * const *addresses,
                      guint n_addresses,
                      const GSctpInitMsg *init_msg,
                      int timeout_ms,
                      GCancellable *cancellable,
                      GError **error)
{
  GSctpDeferred deferred = { NULL };
  GSctpDeadline deadline = GSCTP_DEADLINE_INIT (timeout_ms);
  GSctpAssocChange *result = NULL;
  GSctpPendingConnect *pending;
  GError *local_error = NULL;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (addresses != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->lock);
  pending = start_connect (self, addresses, n_addresses, init_msg, error);
  if (pending == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }

  while (pending->result == NULL)
    {
      GSctpMessage *message;

      GSctpReadResult read = gsctp_dispatch_read (self, &message, &deferred, &local_error);

      if (read == GSCTP_READ_DONE)
        {
          if (message != NULL)
            {
              g_queue_push_tail (&self->inbox, message);
              if (self->receive_tasks.length > 0)
                gsctp_dispatch_schedule_delivery (self);
            }
          continue;
        }
      /* Another association's message over the size limit is not this
       * connect's failure. */
      if (read == GSCTP_READ_FAILED &&
          g_error_matches (local_error, GSCTP_ERROR, GSCTP_ERROR_MESSAGE_TOO_LARGE))
        {
          g_clear_error (&local_error);
          continue;
        }
      if (read == GSCTP_READ_FAILED)
        break;

      if (!gsctp_deferred_is_empty (&deferred))
        {
          g_mutex_unlock (&self->lock);
          gsctp_deferred_run (self, &deferred);
          g_mutex_lock (&self->lock);
          continue;
        }
      if (!gsctp_wait_unlocked_for (self, G_IO_IN, gsctp_deadline_get (&deadline), cancellable, &local_error))
        break;
    }

  g_hash_table_remove (self->connects, GINT_TO_POINTER (pending->assoc_id));
  if (pending->result != NULL)
    {
      result = g_steal_pointer (&pending->result);
      g_clear_error (&local_error);
    }
  else if (!self->closed)
    abort_association (self, pending->assoc_id);
  g_mutex_unlock (&self->lock);
  gsctp_pending_connect_free (pending);
  gsctp_deferred_run (self, &deferred);

  if (result == NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  return gsctp_connect_result (result, error);
}

static gboolean
connect_cancelled_cb (GCancellable *cancellable,
                      gpointer user_data)
{
  GTask *task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  GSctpPendingConnect *pending = g_task_get_task_data (task);
  gboolean found;

  g_mutex_lock (&self->lock);
  found = g_hash_table_steal (self->connects, GINT_TO_POINTER (pending->assoc_id));
  if (found)
    {
      self->n_connects_reading--;
      abort_association (self, pending->assoc_id);
    }
  g_mutex_unlock (&self->lock);

  if (found)
    {
      g_task_set_task_data (task, NULL, NULL);
      pending->task = NULL;
      gsctp_pending_connect_free (pending);
      g_task_return_error_if_cancelled (task);
      g_object_unref (task);
    }
  return G_SOURCE_REMOVE;
}

/**
 * gsctp_socket_associate_async:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): the peer's addresses
 * @n_addresses: the number of @addresses
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the association is up
 *   or failed
 * @user_data: data for @callback
 *
 * Starts what [method@Gsctp.Socket.associate] does, without blocking. There
 * is no timeout: the kernel gives up after its INIT retransmissions; use
 * @cancellable to give up sooner (the half-made association is aborted).
 *
 * Without @callback nobody would get the result, so it is not taken: this
 * is [method@Gsctp.Socket.associate_init], and the association's change
 * comes as an event.
 */
void
gsctp_socket_associate_async (GSctpSocket *self,
                            GSocketAddress * const *addresses,
                            guint n_addresses,
                            const GSctpInitMsg *init_msg,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GSctpPendingConnect *pending;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (addresses != NULL);

  if (callback == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (gsctp_socket_associate_init (self, addresses, n_addresses, init_msg, &local_error) == 0)
        g_debug ("Could not start an association: %s", local_error->message);
      return;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_associate_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->lock);
  pending = start_connect (self, addresses, n_addresses, init_msg, &error);
  if (pending == NULL)
    {
      g_mutex_unlock (&self->lock);
      g_task_return_error (task, error);
      return;
    }
  pending->task = g_object_ref (task);
  g_task_set_task_data (task, pending, NULL);
  if (cancellable != NULL)
    {
      pending->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (pending->cancel_source, G_SOURCE_FUNC (connect_cancelled_cb), task, NULL);
      g_source_attach (pending->cancel_source, g_task_get_context (task));
    }
  self->n_connects_reading++;
  gsctp_dispatch_ensure_reading (self);
  g_mutex_unlock (&self->lock);
}

/**
 * gsctp_socket_associate_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.associate_async].
 *
 * Returns: (transfer full): the association change of the new association,
 *   or %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate_finish (GSctpSocket *self,
                             GAsyncResult *result,
                             GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_associate_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gsctp_socket_associate_init:
 * @self: a #GSctpSocket
 * @addresses: (array length=n_addresses): the peer's addresses
 * @n_addresses: the number of @addresses
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @error: return location for a #GError
 *
 * Starts an association and returns at once, as gen_sctp's
 * `connect_init/4,5`: its result is an event like any other, returned by
 * receives (or emitted as [signal@Gsctp.Socket::message] in an active
 * mode) and emitted as [signal@Gsctp.Socket::association-change].
 *
 * Returns: the id of the association being set up, or 0 with @error set
 */
GSctpAssocId
gsctp_socket_associate_init (GSctpSocket *self,
                             GSocketAddress * const *addresses,
                             guint n_addresses,
                             const GSctpInitMsg *init_msg,
                             GError **error)
{
  GSctpPendingConnect *pending;
  GSctpAssocId assoc_id = 0;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), 0);
  g_return_val_if_fail (addresses != NULL, 0);

  g_mutex_lock (&self->lock);
  pending = start_connect (self, addresses, n_addresses, init_msg, error);
  if (pending != NULL)
    {
      pending->fire_and_forget = TRUE;
      self->n_connects_reading++;
      gsctp_dispatch_ensure_reading (self);
      assoc_id = pending->assoc_id;
    }
  g_mutex_unlock (&self->lock);
  return assoc_id;
}

/* An IPv4 socket asks the resolver for IPv4 addresses only; an IPv6 one
 * reaches both (IPv4-mapped). */
static GResolverNameLookupFlags
lookup_flags (GSctpSocket *self)
{
  return self->family == G_SOCKET_FAMILY_IPV4 ? G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY
                                              : G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT;
}

/* Whether the socket's family can reach @address. */
static gboolean
reachable (GSctpSocket *self,
           GInetAddress *address)
{
  return self->family == G_SOCKET_FAMILY_IPV6 ||
         g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4;
}

/* Every address of @host, at @port. */
static GSocketAddress **
host_addresses (GSctpSocket *self,
                GList *inet_addresses,
                guint16 port,
                guint *n_addresses)
{
  GPtrArray *array = g_ptr_array_new ();

  for (GList *l = inet_addresses; l != NULL; l = l->next)
    {
      GInetAddress *address = l->data;

      /* The resolver was asked for the socket's family: a numeric host
       * is the one answer it can give otherwise. */
      if (!reachable (self, address))
        continue;
      g_ptr_array_add (array, g_inet_socket_address_new (address, port));
    }
  *n_addresses = array->len;
  g_ptr_array_add (array, NULL);
  return (GSocketAddress **) g_ptr_array_free (array, FALSE);
}

static void
free_addresses (GSocketAddress **addresses)
{
  for (GSocketAddress **a = addresses; a != NULL && *a != NULL; a++)
    g_object_unref (*a);
  g_free (addresses);
}

static gboolean
check_resolved (const char *host,
                guint n_addresses,
                GError **error)
{
  if (n_addresses > 0)
    return TRUE;
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
               "Host “%s” has no address of the socket's family", host);
  return FALSE;
}

/**
 * gsctp_socket_associate_to_host:
 * @self: a #GSctpSocket
 * @host: a host name or an IPv4 or IPv6 address in text
 * @port: the peer's port
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @timeout_ms: how long to wait for the association, in milliseconds, -1
 *   for as long as the kernel tries
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Resolves @host and connects to all its addresses, as gen_sctp's
 * `connect/5` given a host name. The name is resolved with #GResolver,
 * which blocks this thread; use the async form in a main loop.
 *
 * Returns: (transfer full): as [method@Gsctp.Socket.associate]
 */
GSctpAssocChange *
gsctp_socket_associate_to_host (GSctpSocket *self,
                              const char *host,
                              guint16 port,
                              const GSctpInitMsg *init_msg,
                              int timeout_ms,
                              GCancellable *cancellable,
                              GError **error)
{
  g_autoptr(GResolver) resolver = NULL;
  GList *inet_addresses;
  GSocketAddress **addresses;
  GSctpAssocChange *result = NULL;
  guint n_addresses;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  resolver = g_resolver_get_default ();
  inet_addresses = g_resolver_lookup_by_name_with_flags (resolver, host, lookup_flags (self),
                                                         cancellable, error);
  if (inet_addresses == NULL)
    return NULL;
  addresses = host_addresses (self, inet_addresses, port, &n_addresses);
  g_resolver_free_addresses (inet_addresses);
  if (check_resolved (host, n_addresses, error))
    result = gsctp_socket_associate (self, addresses, n_addresses, init_msg, timeout_ms,
                                   cancellable, error);
  free_addresses (addresses);
  return result;
}

typedef struct
{
  char *host;
  guint16 port;
  GSctpInitMsg *init_msg;
  gboolean fire_and_forget;     /* no callback: the result comes as an event */
} HostConnect;

static void
host_connect_free (gpointer data)
{
  HostConnect *hc = data;

  g_free (hc->host);
  g_clear_pointer (&hc->init_msg, gsctp_init_msg_free);
  g_free (hc);
}

static void
host_connected_cb (GObject *source,
                   GAsyncResult *result,
                   gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GSctpAssocChange *change;

  change = gsctp_socket_associate_finish (GSCTP_SOCKET (source), result, &error);
  if (change == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, change, (GDestroyNotify) gsctp_assoc_change_free);
}

static void
host_resolved_cb (GObject *source,
                  GAsyncResult *result,
                  gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  HostConnect *hc = g_task_get_task_data (task);
  GError *error = NULL;
  GList *inet_addresses;
  GSocketAddress **addresses;
  guint n_addresses;

  inet_addresses = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (source), result, &error);
  if (inet_addresses == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  addresses = host_addresses (self, inet_addresses, hc->port, &n_addresses);
  g_resolver_free_addresses (inet_addresses);
  if (!check_resolved (hc->host, n_addresses, &error))
    g_task_return_error (task, error);
  else if (hc->fire_and_forget)
    {
      gsctp_socket_associate_async (self, addresses, n_addresses, hc->init_msg,
                                    g_task_get_cancellable (task), NULL, NULL);
      g_task_return_pointer (task, NULL, NULL);
    }
  else
    gsctp_socket_associate_async (self, addresses, n_addresses, hc->init_msg,
                                g_task_get_cancellable (task), host_connected_cb,
                                g_object_ref (task));
  free_addresses (addresses);
}

/**
 * gsctp_socket_associate_to_host_async:
 * @self: a #GSctpSocket
 * @host: a host name or an IPv4 or IPv6 address in text
 * @port: the peer's port
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the association is up
 *   or failed
 * @user_data: data for @callback
 *
 * Resolves @host without blocking, then does what
 * [method@Gsctp.Socket.associate_async] does with all its addresses;
 * without @callback, the association's change comes as an event.
 */
void
gsctp_socket_associate_to_host_async (GSctpSocket *self,
                                    const char *host,
                                    guint16 port,
                                    const GSctpInitMsg *init_msg,
                                    GCancellable *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr(GResolver) resolver = NULL;
  GTask *task;
  HostConnect *hc;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (host != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_associate_to_host_async);
  hc = g_new0 (HostConnect, 1);
  hc->host = g_strdup (host);
  hc->port = port;
  hc->init_msg = init_msg ? gsctp_init_msg_copy (init_msg) : NULL;
  hc->fire_and_forget = callback == NULL;
  g_task_set_task_data (task, hc, host_connect_free);

  resolver = g_resolver_get_default ();
  g_resolver_lookup_by_name_with_flags_async (resolver, host, lookup_flags (self), cancellable,
                                              host_resolved_cb, task);
}

/**
 * gsctp_socket_associate_to_host_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.associate_to_host_async].
 *
 * Returns: (transfer full): the association change of the new association,
 *   or %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate_to_host_finish (GSctpSocket *self,
                                     GAsyncResult *result,
                                     GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gsctp_socket_associate_to_host_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* To what a GSocketConnectable names                                  */

/* Whether @address is an IP address the socket's family can reach. */
static gboolean
connectable_address_usable (GSctpSocket *self,
                            GSocketAddress *address)
{
  return G_IS_INET_SOCKET_ADDRESS (address) &&
         reachable (self, g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
}

static GError *
no_address_error (GSocketConnectable *connectable)
{
  g_autofree char *name = g_socket_connectable_to_string (connectable);

  return g_error_new (G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE,
                      "“%s” has no address of the socket's family", name);
}

/**
 * gsctp_socket_associate_to_connectable:
 * @self: a #GSctpSocket
 * @connectable: what to connect to: a #GNetworkAddress (for instance from
 *   g_network_address_parse() of "host:port"), a #GNetworkService (SRV
 *   records, as Diameter finds its peers), a #GInetSocketAddress…
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @timeout_ms: how long to wait for each address, in milliseconds, -1 for
 *   as long as the kernel tries
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects to what @connectable names, as #GSocketClient does: each
 * address it enumerates that the socket's family can reach is tried in
 * turn until an association comes up; the error is the last address's.
 * The enumeration resolves names and blocks this thread; use the async
 * form in a main loop.
 *
 * Returns: (transfer full): as [method@Gsctp.Socket.associate]
 */
GSctpAssocChange *
gsctp_socket_associate_to_connectable (GSctpSocket *self,
                                       GSocketConnectable *connectable,
                                       const GSctpInitMsg *init_msg,
                                       int timeout_ms,
                                       GCancellable *cancellable,
                                       GError **error)
{
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GError) last_error = NULL;

  g_return_val_if_fail (GSCTP_IS_SOCKET (self), NULL);
  g_return_val_if_fail (G_IS_SOCKET_CONNECTABLE (connectable), NULL);

  enumerator = g_socket_connectable_enumerate (connectable);
  for (;;)
    {
      g_autoptr(GSocketAddress) address = NULL;
      g_autoptr(GError) local_error = NULL;
      GSctpAssocChange *change;

      address = g_socket_address_enumerator_next (enumerator, cancellable, &local_error);
      if (address == NULL)
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else if (last_error != NULL)
            g_propagate_error (error, g_steal_pointer (&last_error));
          else
            g_propagate_error (error, no_address_error (connectable));
          return NULL;
        }
      if (!connectable_address_usable (self, address))
        continue;
      change = gsctp_socket_associate (self, &address, 1, init_msg, timeout_ms, cancellable,
                                       &local_error);
      if (change != NULL)
        return change;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CLOSED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&last_error);
      last_error = g_steal_pointer (&local_error);
    }
}

typedef struct
{
  GSocketConnectable *connectable;
  GSocketAddressEnumerator *enumerator;
  GSctpInitMsg *init_msg;
  GError *last_error;
} ConnectableConnect;

static void
connectable_connect_free (gpointer data)
{
  ConnectableConnect *cc = data;

  g_object_unref (cc->connectable);
  g_object_unref (cc->enumerator);
  g_clear_pointer (&cc->init_msg, gsctp_init_msg_free);
  g_clear_error (&cc->last_error);
  g_free (cc);
}

static void next_connectable_address (GTask *task);

static void
connectable_connected_cb (GObject *source,
                          GAsyncResult *result,
                          gpointer user_data)
{
  GTask *task = user_data;
  ConnectableConnect *cc = g_task_get_task_data (task);
  GError *error = NULL;
  GSctpAssocChange *change;

  change = gsctp_socket_associate_finish (GSCTP_SOCKET (source), result, &error);
  if (change != NULL)
    g_task_return_pointer (task, change, (GDestroyNotify) gsctp_assoc_change_free);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED))
    g_task_return_error (task, error);
  else
    {
      g_clear_error (&cc->last_error);
      cc->last_error = error;
      next_connectable_address (g_object_ref (task));
    }
  g_object_unref (task);
}

static void
connectable_enumerated_cb (GObject *source,
                           GAsyncResult *result,
                           gpointer user_data)
{
  GTask *task = user_data;
  GSctpSocket *self = g_task_get_source_object (task);
  ConnectableConnect *cc = g_task_get_task_data (task);
  GError *error = NULL;
  GSocketAddress *address;

  address = g_socket_address_enumerator_next_finish (G_SOCKET_ADDRESS_ENUMERATOR (source), result,
                                                     &error);
  if (address == NULL)
    {
      if (error == NULL)
        error = cc->last_error != NULL ? g_steal_pointer (&cc->last_error)
                                       : no_address_error (cc->connectable);
      g_task_return_error (task, error);
    }
  else if (!connectable_address_usable (self, address))
    next_connectable_address (g_object_ref (task));
  else
    gsctp_socket_associate_async (self, &address, 1, cc->init_msg, g_task_get_cancellable (task),
                                  connectable_connected_cb, g_object_ref (task));
  g_clear_object (&address);
  g_object_unref (task);
}

/* Takes @task. */
static void
next_connectable_address (GTask *task)
{
  ConnectableConnect *cc = g_task_get_task_data (task);

  g_socket_address_enumerator_next_async (cc->enumerator, g_task_get_cancellable (task),
                                          connectable_enumerated_cb, task);
}

/**
 * gsctp_socket_associate_to_connectable_async:
 * @self: a #GSctpSocket
 * @connectable: what to connect to (see
 *   [method@Gsctp.Socket.associate_to_connectable])
 * @init_msg: (nullable): stream counts and INIT retransmission
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when an association is up, or every
 *   address failed
 * @user_data: data for @callback
 *
 * Does what [method@Gsctp.Socket.associate_to_connectable] does, without
 * blocking: names are resolved and addresses tried in turn in the
 * thread-default main context of the caller.
 */
void
gsctp_socket_associate_to_connectable_async (GSctpSocket *self,
                                             GSocketConnectable *connectable,
                                             const GSctpInitMsg *init_msg,
                                             GCancellable *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer user_data)
{
  ConnectableConnect *cc;
  GTask *task;

  g_return_if_fail (GSCTP_IS_SOCKET (self));
  g_return_if_fail (G_IS_SOCKET_CONNECTABLE (connectable));
  g_return_if_fail (callback != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gsctp_socket_associate_to_connectable_async);
  cc = g_new0 (ConnectableConnect, 1);
  cc->connectable = g_object_ref (connectable);
  cc->enumerator = g_socket_connectable_enumerate (connectable);
  cc->init_msg = init_msg ? gsctp_init_msg_copy (init_msg) : NULL;
  g_task_set_task_data (task, cc, connectable_connect_free);
  next_connectable_address (task);
}

/**
 * gsctp_socket_associate_to_connectable_finish:
 * @self: a #GSctpSocket
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes [method@Gsctp.Socket.associate_to_connectable_async].
 *
 * Returns: (transfer full): the association change of the new association,
 *   or %NULL on error
 */
GSctpAssocChange *
gsctp_socket_associate_to_connectable_finish (GSctpSocket *self,
                                              GAsyncResult *result,
                                              GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                          gsctp_socket_associate_to_connectable_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
