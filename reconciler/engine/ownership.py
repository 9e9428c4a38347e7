"""Telling one router's routes to be ours when it reads back cookie 0 for them.

Normally a route is ours by the tag in its cookie (reconciler.model.ownership). A router
that reads back cookie 0 for routes this product wrote would make them look foreign:
the plan would add them again and again, and could never delete one. This is noticed on a
read, never assumed: a route this run wrote (the router confirmed it) reads back without
its tag while a cookie-0 route stands at its key. From then on (the journal keeps the
finding per router and route kind) a cookie-0 route at a key the journal's record lists,
or that this run wrote since, is taken as ours; every other cookie-0 route stays foreign,
so nothing the record cannot vouch for is ever deleted. A read that shows our tags again
turns the fallback off.

Plans (`persist=False`) only read the journal; a reconcile (under the router's lock)
records the finding as soon as it is made and the keys at each verified read.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from reconciler.model.ownership import (
    BGP_KIND,
    COOKIES_BACK_NOTE,
    STATIC_KIND,
    ZERO_COOKIE_WARNING,
    OwnedKeys,
    adopt_bgp,
    adopt_static,
    bgp_unread,
    combined,
    is_owned,
    static_unread,
)
from reconciler.model.routes import BgpPath, RouteKey, StaticRoute
from reconciler.plan.model import Action, Change, Kind, Observed
from reconciler.store.journal import Journal

log = logging.getLogger(__name__)
_warned: set[str] = set()  # routers whose fallback this process logged (a watcher logs it once, not every reconcile)


class Ownership:
    """Ownership of one router's routes over one plan or reconcile (all its rounds)."""

    def __init__(self, journal: Journal, router: str, *, persist: bool = False) -> None:
        self.journal = journal
        self.router = router
        self.persist = persist
        self._fallback: set[str] | None = None  # kinds read back with cookie 0 (loaded on first use)
        self._record: OwnedKeys | None = None  # the journal's record (loaded when the fallback needs it)
        self.written = OwnedKeys()  # what this run wrote, confirmed by the router
        self.deleted = OwnedKeys()  # what this run deleted since, confirmed
        self.notes: list[str] = []  # of the last read
        self.adopted = 0  # routes the last read took as ours by their key

    @property
    def fallback(self) -> set[str]:
        if self._fallback is None:
            self._fallback = set(self.journal.zero_cookie_kinds(self.router))
        return self._fallback

    def confirmed(self, change: Change) -> None:
        """The router confirmed a route change of this run."""
        delete = change.action is Action.DELETE
        if change.kind is Kind.STATIC_ROUTE:
            key: RouteKey = change.subject.key
            (self.written.discard_static if delete else self.written.add_static)(key)
            (self.deleted.add_static if delete else self.deleted.discard_static)(key)
        elif change.kind is Kind.BGP_PATH:
            path: BgpPath = change.subject
            (self.written.discard_bgp if delete else self.written.add_bgp)(path)
            (self.deleted.add_bgp if delete else self.deleted.discard_bgp)(path)

    def settle(
        self,
        static: dict[RouteKey, StaticRoute],
        bgp: dict[RouteKey, BgpPath],
        zero_static: list[StaticRoute],
        zero_bgp: list[BgpPath],
        desired_static: Mapping[RouteKey, StaticRoute],
        desired_bgp: Mapping[RouteKey, BgpPath],
    ) -> None:
        """Put the cookie-0 routes of one read into `static` and `bgp`: as ours where the
        fallback applies and the record (or this run) vouches for their key, else as read."""
        self.notes, self.adopted = [], 0
        findings = (
            (STATIC_KIND, any(is_owned(k.cookie) for k in static), static_unread(self.written, static, zero_static)),
            (BGP_KIND, any(is_owned(k.cookie) for k in bgp), bgp_unread(self.written, bgp, zero_bgp)),
        )
        for kind, tagged, unread in findings:
            if kind in self.fallback and tagged:
                self._set(kind, False)
                self.notes.append(COOKIES_BACK_NOTE)
            elif kind not in self.fallback and unread:
                self._set(kind, True)
        owned = OwnedKeys()
        if self.fallback:
            if self.persist and self.router not in _warned:
                _warned.add(self.router)
                log.warning("%s: %s", self.router, ZERO_COOKIE_WARNING)
            if self._record is None:
                self._record = self.journal.owned_keys(self.router, self.fallback)
            owned = combined(self._record, self.written, self.deleted)
            self.notes.append(ZERO_COOKIE_WARNING)
        if STATIC_KIND not in self.fallback:
            owned.static = {}
        if BGP_KIND not in self.fallback:
            owned.bgp = {}
        self.adopted = adopt_static(static, zero_static, owned, desired_static)
        self.adopted += adopt_bgp(bgp, zero_bgp, owned, desired_bgp)
        self.notes = list(dict.fromkeys(self.notes))

    def _set(self, kind: str, seen: bool) -> None:
        if seen:
            self.fallback.add(kind)
            self._record = None  # load it again, with this kind
        else:
            self.fallback.discard(kind)
        if self.persist:
            self.journal.set_zero_cookies(self.router, kind, seen)
            if not seen:
                _warned.discard(self.router)
                log.warning("%s: %s", self.router, COOKIES_BACK_NOTE)

    def save(self, observed: Observed) -> None:
        """A verified read: record the keys of the routes it found ours (tagged, or taken as
        ours by the fallback); only tables whose keys changed are written."""
        self.journal.record_owned_keys(self.router, OwnedKeys.of(observed.static_routes, observed.bgp_paths.values()))
        self._record = None
