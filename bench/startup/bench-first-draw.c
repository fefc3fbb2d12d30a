/* bench-first-draw.c: time from exec until a program's first window is
 * mapped and drawn, seen from outside the program
 *
 * Copyright 2026 The Closeness developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   closeness-first-draw PROGRAM [ARGUMENT...]
 *
 * Starts PROGRAM and watches the X server (Xvfb in the benchmark): the
 * first top-level window of that process to be mapped, then the first
 * drawing into it (an XDamage report) that leaves it with more than one
 * colour, i.e. not just its background. Prints, in microseconds since just
 * before exec (CLOCK_MONOTONIC):
 *
 *   mapped-us N
 *   drawn-us N
 *   peak-rss-kib N     (VmHWM of the process when it was drawn)
 *   settled-us N       (the last drawing before the window stayed still for
 *                       0.3 s: what a person sees as "fully drawn"; at most
 *                       5 s after the first drawing)
 *   peak-rss-1s-kib N  (VmHWM one second after the first drawing)
 *
 * With CLOSENESS_FIRST_DRAW_TRACE set it also prints, to stderr, every
 * drawing after the first as "damage-us N X Y WIDTH HEIGHT MONOTONIC-US"
 * (the last: CLOCK_MONOTONIC itself, which g_get_monotonic_time() reads in
 * the program too), to see what makes the window settle late.
 *
 * then ends the program (SIGTERM, SIGKILL after 5 s). The same method for
 * every program, ours or not: nothing inside the program is needed. Exits
 * 1 if no window was drawn within 60 s.
 */

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_US (60 * 1000000LL)
#define QUIET_US   (300 * 1000LL)
#define SETTLE_CAP_US (5 * 1000000LL)

static long long
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000000LL + ts.tv_nsec / 1000;
}

static int
ignore_x_error (Display     *display,
                XErrorEvent *event)
{
  /* Windows may go away while we look at them. */
  return 0;
}

static long
window_pid (Display *display,
            Window   window)
{
  static Atom net_wm_pid = None;
  Atom type;
  int format;
  unsigned long n_items, after;
  unsigned char *data = NULL;
  long pid = -1;

  if (net_wm_pid == None)
    net_wm_pid = XInternAtom (display, "_NET_WM_PID", False);

  if (XGetWindowProperty (display, window, net_wm_pid, 0, 1, False, XA_CARDINAL, &type,
                          &format, &n_items, &after, &data) == Success &&
      data != NULL && n_items == 1 && format == 32)
    pid = (long) *(unsigned long *) data;
  if (data != NULL)
    XFree (data);

  return pid;
}

/* Whether @window shows more than one colour (a sparse grid of samples from
 * one image of the window). */
static int
has_content (Display *display,
             Window   window)
{
  XWindowAttributes attrs;
  XImage *image;
  unsigned long first;
  int found = 0;

  if (!XGetWindowAttributes (display, window, &attrs) || attrs.width < 2 || attrs.height < 2)
    return 0;

  image = XGetImage (display, window, 0, 0, attrs.width, attrs.height, AllPlanes, ZPixmap);
  if (image == NULL)
    return 0;

  first = XGetPixel (image, 0, 0);
  for (int y = 0; y < attrs.height && !found; y += 3)
    for (int x = 0; x < attrs.width; x += 3)
      if (XGetPixel (image, x, y) != first)
        {
          found = 1;
          break;
        }
  XDestroyImage (image);

  return found;
}

static long
peak_rss_kib (pid_t pid)
{
  char path[64], line[256];
  long kib = -1;
  FILE *f;

  snprintf (path, sizeof path, "/proc/%d/status", (int) pid);
  f = fopen (path, "r");
  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f) != NULL)
    if (sscanf (line, "VmHWM: %ld kB", &kib) == 1)
      break;
  fclose (f);

  return kib;
}

static void
end_child (pid_t pid)
{
  kill (pid, SIGTERM);
  for (int i = 0; i < 500; i++)
    {
      if (waitpid (pid, NULL, WNOHANG) == pid)
        return;
      usleep (10000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  Window root, watched = None;
  Damage damage = None;
  int damage_event, damage_error;
  long long start, mapped = -1, drawn = -1, settled = -1, deadline;
  long rss = -1, rss_1s = -1;
  pid_t pid;

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s PROGRAM [ARGUMENT...]\n", argv[0]);
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "cannot open the display\n");
      return 2;
    }
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "the X server has no DAMAGE extension\n");
      return 2;
    }
  XSetErrorHandler (ignore_x_error);
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  start = now_us ();
  pid = fork ();
  if (pid < 0)
    {
      perror ("fork");
      return 2;
    }
  if (pid == 0)
    {
      close (ConnectionNumber (display));
      execvp (argv[1], argv + 1);
      fprintf (stderr, "cannot run %s: %s\n", argv[1], strerror (errno));
      _exit (127);
    }

  deadline = start + TIMEOUT_US;
  while (drawn < 0 && now_us () < deadline)
    {
      struct pollfd pfd = { ConnectionNumber (display), POLLIN, 0 };
      XEvent event;

      if (XPending (display) == 0)
        {
          if (waitpid (pid, NULL, WNOHANG) == pid)
            {
              fprintf (stderr, "%s exited before drawing a window\n", argv[1]);
              return 1;
            }
          poll (&pfd, 1, 50);
          continue;
        }

      XNextEvent (display, &event);

      if (event.type == MapNotify && watched == None &&
          event.xmap.event == root && !event.xmap.override_redirect &&
          window_pid (display, event.xmap.window) == pid)
        {
          mapped = now_us () - start;
          watched = event.xmap.window;
          damage = XDamageCreate (display, watched, XDamageReportNonEmpty);
          XSync (display, False);
          /* Drawn before we were listening: look once now. */
          if (has_content (display, watched))
            drawn = now_us () - start;
        }
      else if (event.type == damage_event + XDamageNotify && watched != None &&
               ((XDamageNotifyEvent *) &event)->drawable == watched)
        {
          long long seen = now_us () - start;

          XDamageSubtract (display, damage, None, None);
          if (has_content (display, watched))
            drawn = seen;
        }
    }

  if (drawn >= 0)
    rss = peak_rss_kib (pid);

  /* Then the rest of the start-up: every later drawing until the window
   * stays still, and the memory one second in. */
  if (drawn >= 0)
    {
      long long settle_deadline = start + drawn + SETTLE_CAP_US;
      long long second = start + drawn + 1000000LL;
      int trace = getenv ("CLOSENESS_FIRST_DRAW_TRACE") != NULL;

      settled = drawn;
      while (now_us () < settle_deadline &&
             (now_us () < start + settled + QUIET_US || rss_1s < 0))
        {
          struct pollfd pfd = { ConnectionNumber (display), POLLIN, 0 };
          XEvent event;

          if (rss_1s < 0 && now_us () >= second)
            rss_1s = peak_rss_kib (pid);

          if (XPending (display) == 0)
            {
              poll (&pfd, 1, 10);
              continue;
            }

          XNextEvent (display, &event);
          if (event.type == damage_event + XDamageNotify &&
              ((XDamageNotifyEvent *) &event)->drawable == watched)
            {
              XDamageNotifyEvent *notify = (XDamageNotifyEvent *) &event;

              XDamageSubtract (display, damage, None, None);
              settled = now_us () - start;
              if (trace)
                fprintf (stderr, "damage-us %lld %d %d %d %d %lld\n", settled, notify->area.x,
                         notify->area.y, notify->area.width, notify->area.height, start + settled);
            }
        }
    }

  if (damage != None)
    XDamageDestroy (display, damage);
  end_child (pid);
  XCloseDisplay (display);

  if (drawn < 0)
    {
      fprintf (stderr, "%s drew no window within %lld s\n", argv[1], TIMEOUT_US / 1000000);
      return 1;
    }

  printf ("mapped-us %lld\n", mapped);
  printf ("drawn-us %lld\n", drawn);
  printf ("peak-rss-kib %ld\n", rss);
  printf ("settled-us %lld\n", settled);
  printf ("peak-rss-1s-kib %ld\n", rss_1s);

  return 0;
}
