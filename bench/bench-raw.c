/* bench-raw.c: the raw loops the C benchmark measures gsctp against
 *
 * A sender thread and a receiving main thread on blocking one-to-many
 * sockets: per message (sctp_sendv()/sctp_recvv(), what a libsctp program
 * writes), batched (sendmmsg()/recvmmsg() of 16 with SCTP_SNDINFO and
 * SCTP_RCVINFO: the closest a program comes to the kernel's own limit),
 * and untuned (the kernel's default buffers and Nagle's algorithm); one
 * whose receiver waits in poll() on a non-blocking socket, as a call that
 * can be cancelled must (not in the default run: `--modes raw,raw-poll`);
 * round trips; and one server socket over many associations.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/sctp.h>

#include "bench.h"

/* Tuned as a raw program that streams would be: 4 MiB buffers, and the
 * kernel's Nagle algorithm, which bundles a stream of small messages
 * (gsctp turns it off by default, for latency and for the small buffers
 * an untuned socket gets). */
void
bench_set_buffers (int fd)
{
  int size = BENCH_BUFFERS;
  int off = 0;

  setsockopt (fd, IPPROTO_SCTP, SCTP_NODELAY, &off, sizeof off);

  if (setsockopt (fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size) < 0)
    setsockopt (fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  if (setsockopt (fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) < 0)
    setsockopt (fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

void
meter_start (Meter *m, Limit limit)
{
  memset (m, 0, sizeof *m);
  m->limit = limit;
  m->start = g_get_monotonic_time ();
  m->deadline = m->start + (gint64) (limit.seconds * G_USEC_PER_SEC);
}

/* Returns TRUE when the run is over. */
gboolean
meter_count (Meter *m, gsize bytes)
{
  m->result.messages++;
  m->result.bytes += bytes;
  if (m->limit.count > 0 ? m->result.messages >= m->limit.count
                         : (++m->polls % 32 == 0 && g_get_monotonic_time () >= m->deadline))
    {
      m->result.seconds = (g_get_monotonic_time () - m->start) / (double) G_USEC_PER_SEC;
      g_atomic_int_set (&m->stop, 1);
      return TRUE;
    }
  return FALSE;
}

/* ------------------------------------------------------------ per message */

typedef struct {
  int server, client;
  sctp_assoc_t assoc_id;
  gsize size;
  Meter *meter;
  gint done;
} Raw;

static void
raw_setup (Raw *r, gsize size, gboolean tuned)
{
  struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t len = sizeof addr;
  int on = 1;
  struct timeval tv = { 0, 200 * 1000 };

  memset (r, 0, sizeof *r);
  r->size = size;
  r->server = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  r->client = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
  if (r->server < 0 || r->client < 0)
    g_error ("no kernel SCTP: %s", g_strerror (errno));
  if (tuned)
    {
      bench_set_buffers (r->server);
      bench_set_buffers (r->client);
    }
  setsockopt (r->server, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on);
  setsockopt (r->client, IPPROTO_SCTP, SCTP_RECVRCVINFO, &on, sizeof on);
  setsockopt (r->server, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (bind (r->server, (struct sockaddr *) &addr, sizeof addr) < 0 || listen (r->server, 1) < 0 ||
      getsockname (r->server, (struct sockaddr *) &addr, &len) < 0)
    g_error ("raw server: %s", g_strerror (errno));
  if (sctp_connectx (r->client, (struct sockaddr *) &addr, 1, &r->assoc_id) < 0)
    g_error ("raw connect: %s", g_strerror (errno));
}

static ssize_t
raw_send (int fd, sctp_assoc_t assoc_id, const void *data, gsize size)
{
  struct iovec iov = { (void *) data, size };
  struct sctp_sndinfo info = { .snd_assoc_id = assoc_id, .snd_ppid = htonl (1) };

  return sctp_sendv (fd, &iov, 1, NULL, 0, &info, sizeof info, SCTP_SENDV_SNDINFO, 0);
}

/* As the blocking sockets' receive timeout (raw_setup()). */
#define RAW_POLL_TIMEOUT_MS 200

/* Whole message, or -1; notifications are skipped. */
static ssize_t
raw_receive (int fd, guint8 *buffer, gsize size, sctp_assoc_t *assoc_id)
{
  gsize used = 0;

  for (;;)
    {
      struct iovec iov = { buffer + used, size - used };
      struct sctp_rcvinfo rcv;
      socklen_t infolen = sizeof rcv;
      unsigned int infotype;
      int flags = 0;
      ssize_t got = sctp_recvv (fd, &iov, 1, NULL, NULL, &rcv, &infolen, &infotype, &flags);

      if (got < 0 && errno == EAGAIN)
        {
          /* A non-blocking socket (raw-poll): wait, then go on with the
           * message. */
          struct pollfd wait = { fd, POLLIN, 0 };

          if (poll (&wait, 1, RAW_POLL_TIMEOUT_MS) == 0)
            return -1;
          continue;
        }
      if (got < 0)
        return -1;
      if (flags & MSG_NOTIFICATION)
        {
          used = 0;
          continue;
        }
      used += got;
      if (assoc_id != NULL && infotype == SCTP_RECVV_RCVINFO)
        *assoc_id = rcv.rcv_assoc_id;
      if (flags & MSG_EOR)
        return used;
    }
}

static gpointer
raw_send_thread (gpointer data)
{
  Raw *r = data;
  g_autofree char *payload = g_malloc0 (r->size);
  guint64 sent = 0;

  while (!g_atomic_int_get (&r->meter->stop) &&
         (r->meter->limit.count == 0 || sent < r->meter->limit.count))
    if (raw_send (r->client, r->assoc_id, payload, r->size) >= 0)
      sent++;
    else if (errno != EINTR)
      g_error ("raw send: %s", g_strerror (errno));
  g_atomic_int_set (&r->done, 1);
  return NULL;
}

static Result
run_raw_one_way (gsize size, Limit limit, gboolean tuned, gboolean polling)
{
  g_autofree guint8 *buffer = g_malloc (size + 1024);
  Meter meter;
  GThread *thread;
  Raw r;

  raw_setup (&r, size, tuned);
  if (polling)
    fcntl (r.server, F_SETFL, fcntl (r.server, F_GETFL) | O_NONBLOCK);
  r.meter = &meter;
  meter_start (&meter, limit);
  thread = g_thread_new ("raw-sender", raw_send_thread, &r);
  while (!g_atomic_int_get (&meter.stop))
    {
      ssize_t got = raw_receive (r.server, buffer, size + 1024, NULL);

      if (got >= 0)
        meter_count (&meter, got);
    }
  /* Drain, so that a blocked sender can finish. */
  while (!g_atomic_int_get (&r.done))
    raw_receive (r.server, buffer, size + 1024, NULL);
  g_thread_join (thread);
  close (r.client);
  close (r.server);
  return meter.result;
}

Result
run_raw (gsize size, Limit limit)
{
  return run_raw_one_way (size, limit, TRUE, FALSE);
}

Result
run_raw_poll (gsize size, Limit limit)
{
  return run_raw_one_way (size, limit, TRUE, TRUE);
}

Result
run_raw_untuned (gsize size, Limit limit)
{
  return run_raw_one_way (size, limit, FALSE, FALSE);
}

#define BATCH 16

typedef struct {
  struct mmsghdr headers[BATCH];
  struct iovec iov[BATCH];
  union {
    struct cmsghdr align;
    char buf[CMSG_SPACE (sizeof (struct sctp_rcvinfo))];
  } control[BATCH];
} Batch;

static gpointer
raw_batched_send_thread (gpointer data)
{
  Raw *r = data;
  g_autofree char *payload = g_malloc0 (r->size);
  g_autofree Batch *batch = g_new0 (Batch, 1);
  guint64 sent = 0;

  for (int i = 0; i < BATCH; i++)
    {
      struct msghdr *msg = &batch->headers[i].msg_hdr;
      struct cmsghdr *cmsg = (struct cmsghdr *) batch->control[i].buf;
      struct sctp_sndinfo *info;

      batch->iov[i] = (struct iovec) { payload, r->size };
      msg->msg_iov = &batch->iov[i];
      msg->msg_iovlen = 1;
      msg->msg_control = cmsg;
      msg->msg_controllen = CMSG_SPACE (sizeof *info);
      cmsg->cmsg_level = IPPROTO_SCTP;
      cmsg->cmsg_type = SCTP_SNDINFO;
      cmsg->cmsg_len = CMSG_LEN (sizeof *info);
      info = (struct sctp_sndinfo *) CMSG_DATA (cmsg);
      *info = (struct sctp_sndinfo) { .snd_assoc_id = r->assoc_id, .snd_ppid = htonl (1) };
    }
  while (!g_atomic_int_get (&r->meter->stop) &&
         (r->meter->limit.count == 0 || sent < r->meter->limit.count))
    {
      unsigned int n = BATCH;
      int done;

      if (r->meter->limit.count > 0)
        n = MIN (n, r->meter->limit.count - sent);
      done = sendmmsg (r->client, batch->headers, n, MSG_NOSIGNAL);
      if (done > 0)
        sent += done;
      else if (errno != EINTR)
        g_error ("raw batched send: %s", g_strerror (errno));
    }
  g_atomic_int_set (&r->done, 1);
  return NULL;
}

/* Receives up to BATCH pieces, whole messages being counted; FALSE on a
 * timeout. */
static gboolean
raw_batched_receive (int fd, Batch *batch, guint8 *buffers, gsize slot, Meter *meter)
{
  int got;

  for (int i = 0; i < BATCH; i++)
    {
      struct msghdr *msg = &batch->headers[i].msg_hdr;

      batch->iov[i] = (struct iovec) { buffers + i * slot, slot };
      *msg = (struct msghdr) {
        .msg_iov = &batch->iov[i],
        .msg_iovlen = 1,
        .msg_control = batch->control[i].buf,
        .msg_controllen = sizeof batch->control[i].buf,
      };
    }
  got = recvmmsg (fd, batch->headers, BATCH, MSG_WAITFORONE, NULL);
  if (got <= 0)
    return FALSE;
  for (int i = 0; i < got; i++)
    {
      const struct msghdr *msg = &batch->headers[i].msg_hdr;

      if (meter != NULL && !(msg->msg_flags & MSG_NOTIFICATION) && (msg->msg_flags & MSG_EOR) &&
          !g_atomic_int_get (&meter->stop))
        meter_count (meter, batch->headers[i].msg_len);
    }
  return TRUE;
}

static Result
run_raw_batched_as (gsize size, Limit limit, gboolean batched_sender)
{
  gsize slot = size + 1024;
  g_autofree guint8 *buffers = g_malloc (slot * BATCH);
  g_autofree Batch *batch = g_new0 (Batch, 1);
  Meter meter;
  GThread *thread;
  Raw r;

  raw_setup (&r, size, TRUE);
  r.meter = &meter;
  meter_start (&meter, limit);
  thread = g_thread_new ("raw-batched-sender",
                         batched_sender ? raw_batched_send_thread : raw_send_thread, &r);
  while (!g_atomic_int_get (&meter.stop))
    raw_batched_receive (r.server, batch, buffers, slot, &meter);
  while (!g_atomic_int_get (&r.done))
    raw_batched_receive (r.server, batch, buffers, slot, NULL);
  g_thread_join (thread);
  close (r.client);
  close (r.server);
  return meter.result;
}

Result
run_raw_rtt (gsize size, Limit limit)
{
  g_autofree guint8 *buffer = g_malloc (size + 1024);
  g_autofree char *payload = g_malloc0 (size);
  Meter meter;
  Raw r;

  raw_setup (&r, size, TRUE);
  meter_start (&meter, limit);
  do
    {
      sctp_assoc_t from = 0;

      raw_send (r.client, r.assoc_id, payload, size);
      if (raw_receive (r.server, buffer, size + 1024, &from) < 0)
        g_error ("raw echo: %s", g_strerror (errno));
      raw_send (r.server, from, buffer, size);
      if (raw_receive (r.client, buffer, size + 1024, NULL) < 0)
        g_error ("raw echo back: %s", g_strerror (errno));
    }
  while (!meter_count (&meter, size));
  close (r.client);
  close (r.server);
  return meter.result;
}

Result
run_raw_batched (gsize size, Limit limit)
{
  return run_raw_batched_as (size, limit, TRUE);
}

/* A sender per message, a receiver in batches: what batching the
 * receiver alone gives. */
Result
run_raw_receive_batched (gsize size, Limit limit)
{
  return run_raw_batched_as (size, limit, FALSE);
}

/* ------------------------------------------------------------ scale */

typedef struct {
  GArray *clients;              /* int */
  GArray *assoc_ids;            /* sctp_assoc_t */
  Meter *meter;
  gint done;
} RawScale;

static gpointer
raw_scale_send_thread (gpointer data)
{
  RawScale *s = data;
  g_autofree char *payload = g_malloc0 (1024);

  for (guint i = 0; !g_atomic_int_get (&s->meter->stop); i = (i + 1) % s->clients->len)
    if (raw_send (g_array_index (s->clients, int, i), g_array_index (s->assoc_ids, sctp_assoc_t, i),
                  payload, 1024) < 0 && errno != EINTR)
      g_error ("raw scale send: %s", g_strerror (errno));
  g_atomic_int_set (&s->done, 1);
  return NULL;
}

/* The same with raw sockets: what the kernel's own cost per message does
 * as the associations grow. */
Result
run_scale_raw (guint n, Limit limit)
{
  g_autoptr(GArray) clients = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) assoc_ids = g_array_new (FALSE, FALSE, sizeof (sctp_assoc_t));
  g_autofree guint8 *buffer = g_malloc (2048);
  Meter meter;
  RawScale scale = { clients, assoc_ids, &meter, 0 };
  GThread *thread;
  Raw r;

  raw_setup (&r, 1024, TRUE);
  if (listen (r.server, 4096) < 0)
    g_error ("raw listen: %s", g_strerror (errno));
  g_array_append_val (clients, r.client);
  g_array_append_val (assoc_ids, r.assoc_id);
  for (guint i = 1; i < n; i++)
    {
      struct sockaddr_in addr;
      socklen_t len = sizeof addr;
      int fd = socket (AF_INET, SOCK_SEQPACKET, IPPROTO_SCTP);
      sctp_assoc_t assoc_id;

      if (fd < 0 || getsockname (r.server, (struct sockaddr *) &addr, &len) < 0 ||
          sctp_connectx (fd, (struct sockaddr *) &addr, 1, &assoc_id) < 0)
        g_error ("raw association %u: %s", i, g_strerror (errno));
      g_array_append_val (clients, fd);
      g_array_append_val (assoc_ids, assoc_id);
    }
  meter_start (&meter, limit);
  thread = g_thread_new ("raw-scale-sender", raw_scale_send_thread, &scale);
  while (!g_atomic_int_get (&meter.stop))
    {
      ssize_t got = raw_receive (r.server, buffer, 2048, NULL);

      if (got >= 0)
        meter_count (&meter, got);
    }
  while (!g_atomic_int_get (&scale.done))
    raw_receive (r.server, buffer, 2048, NULL);
  g_thread_join (thread);
  for (guint i = 0; i < clients->len; i++)
    close (g_array_index (clients, int, i));
  close (r.server);
  return meter.result;
}
