#!/usr/bin/env python3
"""The CX journey model in NumPy, vectorised over trials.

This is an independent implementation of the model in MODEL.md (scenario
format, month step, results), written the way a data scientist would write it
in NumPy: every quantity is an array with one entry per trial, and the month
loop runs in Python. It serves two purposes:

* a performance baseline for the Rust engine (``bench/run.py``), and
* a cross-check of the Rust engine's numbers (same scenario, same model,
  different code and random numbers: the Monte Carlo means must agree within
  their standard errors).

Usage::

    python3 bench/numpy_model.py SCENARIO.json --trials 2000 --seed 1 [--json]
    python3 bench/numpy_model.py SCENARIO.json --expected --json
    python3 bench/numpy_model.py --self-test

Randomness: ``numpy.random.Generator`` with PCG64. Parameter draws come from
``SeedSequence([seed, 0])`` (investment parameters of scenario j from
``SeedSequence([seed, 2, j])``) and the month-t draws of every variant from
the same child ``t`` of ``SeedSequence([seed, 1])``: baseline and scenarios
share their parameter draws and start every month from the same random
stream (common random numbers). A variant whose rates equal the baseline's
therefore reproduces it exactly.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from dataclasses import dataclass, field

import numpy as np

Z95 = 1.6448536269514722  # standard normal 95th percentile
BETA_SD_DIVISOR = 3.29  # a probability's 90% interval spans 3.29 sd
STATS = ("mean", "sd", "p05", "p50", "p95")
MONTHLY_STATS = ("mean", "p05", "p50", "p95")
RESULT_KEYS = (
    "total_revenue",
    "total_cost",
    "total_margin",
    "npv",
    "customers_acquired",
    "active_customers_end",
    "referrals",
    "clv",
    "retention_12m",
)
UPLIFT_KEYS = ("uplift_revenue", "uplift_npv", "investment_pv", "roi", "payback_month")
MONTHLY_KEYS = ("active_customers", "revenue", "margin", "cumulative_npv", "acquired", "churned")


class ScenarioError(ValueError):
    """A scenario file that does not describe a valid journey (names the field)."""


# --------------------------------------------------------------------------
# Scenario parsing
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Uncertain:
    """A 90% interval {"low": x, "high": y}; `prob` selects Beta, else lognormal."""

    low: float
    high: float
    prob: bool


def _number(v, path: str) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ScenarioError(f"{path}: {v!r} is not a finite number")
    return float(v)


def parse_value(v, path: str, *, prob: bool, default: float = 0.0):
    """A number, or an uncertain value {"low", "high"}, checked for its range."""
    if v is None:
        return float(default)
    if isinstance(v, dict):
        if set(v) != {"low", "high"}:
            raise ScenarioError(f"{path}: expected a number or {{\"low\": x, \"high\": y}}")
        lo, hi = _number(v["low"], path + ".low"), _number(v["high"], path + ".high")
        if lo > hi:
            raise ScenarioError(f"{path}: low {lo} is above high {hi}")
        for x, p in ((lo, ".low"), (hi, ".high")):
            _check_range(x, path + p, prob)
        if not prob and lo == 0.0 and hi > 0.0:
            raise ScenarioError(f"{path}.low: a lognormal interval needs low > 0")
        return float(lo) if lo == hi else Uncertain(lo, hi, prob)
    x = _number(v, path)
    _check_range(x, path, prob)
    return x


def _check_range(x: float, path: str, prob: bool) -> None:
    if prob and not 0.0 <= x <= 1.0:
        raise ScenarioError(f"{path}: {x} is not a probability")
    if not prob and x < 0.0:
        raise ScenarioError(f"{path}: {x} is negative")


@dataclass
class Stage:
    id: str
    phase: str  # "buy" or "own"
    owner: int  # department index
    advance: object
    drop: object  # number/Uncertain; unused when sbg is set
    sbg: tuple | None  # (alpha, beta), each number/Uncertain
    advocacy: object
    revenue_on_entry: object
    revenue_per_month: object
    cost_per_month: object
    next: int | None = None
    handoff: int | None = None  # index into Model.handoffs for the advance


@dataclass
class Investment:
    kind: str  # "department" or "handoff"
    target: int
    monthly_spend: object
    half_friction_spend: object
    one_off: object
    start_month: int
    ramp_months: int


@dataclass
class Model:
    name: str
    months: int
    discount_rate: float
    clv_horizon_months: int
    arrivals_per_month: object
    referral_entry: int
    departments: list  # [(id, friction)]
    handoffs: list  # [(from_idx, to_idx, friction)]
    stages: list
    initial: np.ndarray  # people per stage at month 0
    scenarios: list = field(default_factory=list)  # [(name, [Investment])]

    @property
    def delta(self) -> float:
        return (1.0 + self.discount_rate) ** (-1.0 / 12.0)


def load_model(doc: dict) -> Model:
    """Validate a scenario document (MODEL.md §2) and resolve ids to indices."""
    if doc.get("schema", 1) != 1:
        raise ScenarioError(f"schema: unsupported version {doc.get('schema')!r}")
    for key in ("months", "stages", "departments"):
        if key not in doc:
            raise ScenarioError(f"{key}: required")
    months = doc["months"]
    if not isinstance(months, int) or not 1 <= months <= 600:
        raise ScenarioError(f"months: {months!r} is not a whole number in 1..=600")
    horizon = doc.get("clv_horizon_months", 120)
    if not isinstance(horizon, int) or horizon < 1:
        raise ScenarioError(f"clv_horizon_months: {horizon!r} is not a positive whole number")
    rate = _number(doc.get("discount_rate", 0.10), "discount_rate")
    if rate <= -1.0:
        raise ScenarioError(f"discount_rate: {rate} must be above -1")

    depts = doc["departments"]
    if not 1 <= len(depts) <= 30:
        raise ScenarioError("departments: need 1..=30 departments")
    dept_index, departments = {}, []
    for i, d in enumerate(depts):
        f = parse_value(d.get("friction"), f"departments[{i}].friction", prob=True)
        if _hi(f) >= 1.0:
            raise ScenarioError(f"departments[{i}].friction: must be below 1")
        if d["id"] in dept_index:
            raise ScenarioError(f"departments[{i}].id: duplicate id {d['id']!r}")
        dept_index[d["id"]] = i
        departments.append((d["id"], f))

    handoffs, handoff_index = [], {}
    for i, h in enumerate(doc.get("handoffs", [])):
        path = f"handoffs[{i}]"
        for end in ("from", "to"):
            if h.get(end) not in dept_index:
                raise ScenarioError(f"{path}.{end}: unknown department {h.get(end)!r}")
        f = parse_value(h.get("friction"), f"{path}.friction", prob=True)
        if _hi(f) >= 1.0:
            raise ScenarioError(f"{path}.friction: must be below 1")
        key = (dept_index[h["from"]], dept_index[h["to"]])
        handoff_index[key] = len(handoffs)
        handoffs.append((key[0], key[1], f))

    raw_stages = doc["stages"]
    if not 1 <= len(raw_stages) <= 40:
        raise ScenarioError("stages: need 1..=40 stages")
    stage_index = {}
    stages = []
    for i, s in enumerate(raw_stages):
        path = f"stages[{i}]"
        if s.get("phase") not in ("buy", "own"):
            raise ScenarioError(f"{path}.phase: must be \"buy\" or \"own\"")
        if s.get("owner") not in dept_index:
            raise ScenarioError(f"{path}.owner: unknown department {s.get('owner')!r}")
        if s.get("id") in stage_index:
            raise ScenarioError(f"{path}.id: duplicate id {s.get('id')!r}")
        stage_index[s["id"]] = i
        drop, sbg = s.get("drop"), None
        if isinstance(drop, dict) and "sbg" in drop:
            g = drop["sbg"]
            sbg = (
                parse_value(g.get("alpha"), f"{path}.drop.sbg.alpha", prob=False),
                parse_value(g.get("beta"), f"{path}.drop.sbg.beta", prob=False),
            )
            if _lo(sbg[0]) <= 0 or _lo(sbg[1]) <= 0:
                raise ScenarioError(f"{path}.drop.sbg: alpha and beta must be positive")
            drop = 0.0
        else:
            drop = parse_value(drop, f"{path}.drop", prob=True)
        stages.append(
            Stage(
                id=s["id"],
                phase=s["phase"],
                owner=dept_index[s["owner"]],
                advance=parse_value(s.get("advance"), f"{path}.advance", prob=True),
                drop=drop,
                sbg=sbg,
                advocacy=parse_value(s.get("advocacy"), f"{path}.advocacy", prob=False),
                revenue_on_entry=parse_value(s.get("revenue_on_entry"), f"{path}.revenue_on_entry", prob=False),
                revenue_per_month=parse_value(s.get("revenue_per_month"), f"{path}.revenue_per_month", prob=False),
                cost_per_month=parse_value(s.get("cost_per_month"), f"{path}.cost_per_month", prob=False),
            )
        )
    phases = [s.phase for s in stages]
    if "buy" not in phases or "own" not in phases or phases.index("own") < len(phases) - phases[::-1].index("buy"):
        raise ScenarioError("stages: all buy stages must come before all own stages, at least one of each")
    for i, (s, raw) in enumerate(zip(stages, raw_stages)):
        path = f"stages[{i}]"
        if "next" in raw:
            if raw["next"] not in stage_index:
                raise ScenarioError(f"{path}.next: unknown stage {raw['next']!r}")
            s.next = stage_index[raw["next"]]
        elif i + 1 < len(stages):
            s.next = i + 1
        if s.next is None and _hi(s.advance) > 0:
            raise ScenarioError(f"{path}.advance: the last stage needs a `next` to advance to")
        if s.next is not None and s.phase == "own" and stages[s.next].phase != "own":
            raise ScenarioError(f"{path}.next: an own stage must lead to an own stage")
        # As the Rust engine: high ends of ranges; for sBG the mean first-month hazard.
        if s.sbg is None and _hi(s.advance) + _hi(s.drop) > 1 + 1e-12:
            raise ScenarioError(f"{path}: advance + drop exceeds 1 (using the high ends of ranges)")
        if s.sbg is not None and _hi(s.advance) + _sbg_first_hazard(s.sbg) > 1 + 1e-12:
            raise ScenarioError(f"{path}: advance + alpha/(alpha+beta) exceeds 1")
        if s.next is not None and stages[s.next].owner != s.owner:
            s.handoff = handoff_index.get((s.owner, stages[s.next].owner))

    ref = doc.get("referral_entry", raw_stages[0]["id"])
    if ref not in stage_index or stages[stage_index[ref]].phase != "buy":
        raise ScenarioError(f"referral_entry: {ref!r} is not a buy stage")

    initial = np.zeros(len(stages))
    for sid, count in (doc.get("initial") or {}).items():
        if sid not in stage_index:
            raise ScenarioError(f"initial.{sid}: unknown stage")
        c = _number(count, f"initial.{sid}")
        if c < 0 or c != int(c):
            raise ScenarioError(f"initial.{sid}: {c} is not a whole number of people")
        initial[stage_index[sid]] = c

    scenarios = []
    for j, sc in enumerate(doc.get("scenarios", [])):
        invs = []
        for i, inv in enumerate(sc.get("investments", [])):
            path = f"scenarios[{j}].investments[{i}]"
            if "department" in inv:
                if inv["department"] not in dept_index:
                    raise ScenarioError(f"{path}.department: unknown department {inv['department']!r}")
                kind, target = "department", dept_index[inv["department"]]
            elif "handoff" in inv:
                h = inv["handoff"]
                key = (dept_index.get(h.get("from")), dept_index.get(h.get("to")))
                if key not in handoff_index:
                    raise ScenarioError(f"{path}.handoff: not a hand-off listed in `handoffs`")
                kind, target = "handoff", handoff_index[key]
            else:
                raise ScenarioError(f"{path}: names neither a department nor a hand-off")
            start, ramp = inv.get("start_month", 1), inv.get("ramp_months", 0)
            if not isinstance(start, int) or start < 1:
                raise ScenarioError(f"{path}.start_month: {start!r} is not a month >= 1")
            if not isinstance(ramp, int) or ramp < 0:
                raise ScenarioError(f"{path}.ramp_months: {ramp!r} is not a whole number >= 0")
            spend = parse_value(inv.get("monthly_spend"), f"{path}.monthly_spend", prob=False)
            half = parse_value(inv.get("half_friction_spend"), f"{path}.half_friction_spend", prob=False)
            if _hi(spend) > 0 and _lo(half) <= 0:
                raise ScenarioError(f"{path}.half_friction_spend: must be positive")
            invs.append(
                Investment(
                    kind,
                    target,
                    spend,
                    half,
                    parse_value(inv.get("one_off"), f"{path}.one_off", prob=False),
                    start,
                    ramp,
                )
            )
        scenarios.append((sc.get("name", f"Scenario {j + 1}"), invs))

    return Model(
        name=doc.get("name", ""),
        months=months,
        discount_rate=rate,
        clv_horizon_months=horizon,
        arrivals_per_month=parse_value(doc.get("arrivals_per_month"), "arrivals_per_month", prob=False),
        referral_entry=stage_index[ref],
        departments=departments,
        handoffs=handoffs,
        stages=stages,
        initial=initial,
        scenarios=scenarios,
    )


def _lo(v) -> float:
    return v.low if isinstance(v, Uncertain) else v


def _hi(v) -> float:
    return v.high if isinstance(v, Uncertain) else v


def _sbg_first_hazard(sbg) -> float:
    a, b = (draw(x, 1, None)[0] for x in sbg)
    return a / (a + b)


# --------------------------------------------------------------------------
# Parameter draws (once per trial, shared by the baseline and every scenario)
# --------------------------------------------------------------------------


def draw(value, n: int, rng: np.random.Generator | None) -> np.ndarray:
    """n draws of a value; rng None gives the distribution's mean instead."""
    if not isinstance(value, Uncertain):
        return np.full(n, float(value))
    x, y = value.low, value.high
    if value.prob:
        m, s = (x + y) / 2, (y - x) / BETA_SD_DIVISOR
        if rng is None:
            return np.full(n, m)
        k = m * (1 - m) / s**2 - 1
        return rng.beta(m * k, (1 - m) * k, n)
    mu = (math.log(x) + math.log(y)) / 2
    sigma = (math.log(y) - math.log(x)) / (2 * Z95)
    if rng is None:
        return np.full(n, math.exp(mu + sigma**2 / 2))
    return rng.lognormal(mu, sigma, n)


@dataclass
class Params:
    """One trial per column: stage parameters are (stages, trials) arrays."""

    advance: np.ndarray
    drop: np.ndarray  # 0 in sBG stages
    alpha: np.ndarray  # sBG shape parameters (1 elsewhere, unused)
    beta: np.ndarray
    advocacy: np.ndarray
    revenue_on_entry: np.ndarray
    revenue_per_month: np.ndarray
    cost_per_month: np.ndarray
    dept_friction: np.ndarray  # (departments, trials)
    handoff_friction: np.ndarray  # (handoffs + 1, trials); last row is "no hand-off"
    arrivals: np.ndarray  # (trials,)


def draw_params(model: Model, n: int, rng: np.random.Generator | None) -> Params:
    stages = model.stages
    S = len(stages)
    arrivals = draw(model.arrivals_per_month, n, rng)
    dept = np.array([draw(f, n, rng) for _, f in model.departments])
    hand = np.array([draw(f, n, rng) for _, _, f in model.handoffs] + [np.zeros(n)])
    P = {k: np.zeros((S, n)) for k in ("advance", "drop", "advocacy", "roe", "rpm", "cpm")}
    alpha, beta = np.ones((S, n)), np.ones((S, n))
    for k, s in enumerate(stages):
        P["advance"][k] = draw(s.advance, n, rng)
        if s.sbg is None:
            P["drop"][k] = draw(s.drop, n, rng)
        else:
            alpha[k], beta[k] = draw(s.sbg[0], n, rng), draw(s.sbg[1], n, rng)
        P["advocacy"][k] = draw(s.advocacy, n, rng)
        P["roe"][k] = draw(s.revenue_on_entry, n, rng)
        P["rpm"][k] = draw(s.revenue_per_month, n, rng)
        P["cpm"][k] = draw(s.cost_per_month, n, rng)
    # A drawn advance + drop above 1 is scaled down to sum to 1 (sBG stages:
    # month by month in `run_months`, as the hazard depends on months in stage).
    is_sbg = np.array([s.sbg is not None for s in stages])[:, None]
    total = np.where(is_sbg, 0.0, P["advance"] + P["drop"])
    scale = np.where(total > 1.0, 1.0 / np.maximum(total, 1.0), 1.0)
    return Params(
        advance=P["advance"] * scale,
        drop=P["drop"] * scale,
        alpha=alpha,
        beta=beta,
        advocacy=P["advocacy"],
        revenue_on_entry=P["roe"],
        revenue_per_month=P["rpm"],
        cost_per_month=P["cpm"],
        dept_friction=dept,
        handoff_friction=hand,
        arrivals=arrivals,
    )


@dataclass
class InvestmentDraw:
    kind: str
    target: int
    log2_factor: np.ndarray  # -spend / H: log2 of the friction factor at full ramp
    spend: np.ndarray
    one_off: np.ndarray
    start_month: int
    ramp_months: int

    def ramp(self, t: int) -> float:
        if t < self.start_month:
            return 0.0
        if self.ramp_months == 0:
            return 1.0
        return min(1.0, (t - self.start_month + 1) / self.ramp_months)

    def spend_in(self, t: int) -> np.ndarray | float:
        if t < self.start_month:
            return 0.0
        return self.spend + (self.one_off if t == self.start_month else 0.0)


def draw_investments(invs: list, n: int, rng: np.random.Generator | None) -> list:
    out = []
    for inv in invs:
        spend = draw(inv.monthly_spend, n, rng)
        half = draw(inv.half_friction_spend, n, rng)
        one_off = draw(inv.one_off, n, rng)
        factor = np.divide(-spend, half, out=np.zeros(n), where=spend > 0)
        out.append(InvestmentDraw(inv.kind, inv.target, factor, spend, one_off, inv.start_month, inv.ramp_months))
    return out


# --------------------------------------------------------------------------
# The month recursion
# --------------------------------------------------------------------------


class Sampled:
    """Random splits of one month (multinomial as two binomials, Poisson)."""

    def __init__(self, rng: np.random.Generator):
        self.rng = rng

    def binomial(self, n, p):
        return self.rng.binomial(n, p)

    def poisson(self, lam):
        return self.rng.poisson(lam)


class Expected:
    """The same recursion with every draw replaced by its expected value."""

    @staticmethod
    def binomial(n, p):
        return n * p

    @staticmethod
    def poisson(lam):
        return lam


def _conditional(drop, advance):
    """P(drop | not advance) for the second binomial of the multinomial split."""
    rest = 1.0 - advance
    p = np.divide(drop, rest, out=np.zeros(np.broadcast(drop, rest).shape), where=rest > 0)
    return np.clip(p, 0.0, 1.0)


def frictions(model: Model, P: Params, investments: list, t: int | None):
    """Department and hand-off friction in month t (t None: fully ramped)."""
    dept_exp = np.zeros_like(P.dept_friction)
    hand_exp = np.zeros_like(P.handoff_friction)
    for inv in investments:
        r = 1.0 if t is None else inv.ramp(t)
        if r > 0:
            target = dept_exp if inv.kind == "department" else hand_exp
            target[inv.target] += inv.log2_factor * r
    return P.dept_friction * np.exp2(dept_exp), P.handoff_friction * np.exp2(hand_exp)


def run_months(
    model: Model,
    P: Params,
    investments: list,
    months: int,
    *,
    initial: np.ndarray,
    sampler_for_month,
    arrivals: bool = True,
    referrals: bool = True,
    full_ramp: bool = False,
    spend: bool = True,
) -> dict:
    """Run months 1..months for all trials at once; returns (trials, months) series.

    `initial` is (stages, trials); integer for sampling, float for expectations.
    """
    stages = model.stages
    S, N = P.advance.shape
    owner = np.array([s.owner for s in stages])
    hand_idx = np.array([len(model.handoffs) if s.handoff is None else s.handoff for s in stages])
    nxt = [s.next for s in stages]
    is_own = np.array([s.phase == "own" for s in stages])
    sbg = [k for k, s in enumerate(stages) if s.sbg is not None]
    plain = np.array([k for k, s in enumerate(stages) if s.sbg is None], dtype=int)
    acquiring = [k for k, s in enumerate(stages) if s.phase == "buy" and s.next is not None and stages[s.next].phase == "own"]

    n = initial.copy()
    # sBG stages keep their people by entry month (column 0: there at month 0).
    cohorts = {k: np.zeros((N, months + 1), dtype=n.dtype) for k in sbg}
    for k in sbg:
        cohorts[k][:, 0] = n[k]

    out = {key: [] for key in ("revenue", "cost", "spend", "active", "acquired", "churned",
                               "arrivals", "referrals", "dropped", "in_stages")}
    fixed = frictions(model, P, investments, None) if full_ramp else None
    for t in range(1, months + 1):
        draws = sampler_for_month(t)
        f_dept, f_hand = fixed if full_ramp else frictions(model, P, investments, t)
        f_stage = f_dept[owner]  # (S, N)
        a_eff = P.advance * (1 - f_stage) * (1 - f_hand[hand_idx])
        lost = P.advance - a_eff  # attempts lost to friction leave the journey

        # 1. Split every stage into advance / drop / stay.
        adv = np.zeros_like(n)
        drp = np.zeros_like(n)
        m = n[plain]
        a = draws.binomial(m, a_eff[plain])
        adv[plain] = a
        drp[plain] = draws.binomial(m - a, _conditional(P.drop[plain] + lost[plain], a_eff[plain]))
        for k in sbg:
            c = cohorts[k][:, :t]  # entered in months 0..t-1
            tau = t - np.arange(t)  # months in stage this month
            al, be = P.alpha[k][:, None], P.beta[k][:, None]
            hazard = al / (al + be + tau - 1)
            # A drawn advance + h(tau) above 1 is scaled down to sum to 1.
            total = P.advance[k][:, None] + hazard
            scale = np.where(total > 1.0, 1.0 / np.maximum(total, 1.0), 1.0)
            ak, lk, hazard = a_eff[k][:, None] * scale, lost[k][:, None] * scale, hazard * scale
            a = draws.binomial(c, ak)
            d = draws.binomial(c - a, _conditional(hazard + lk, ak))
            cohorts[k][:, :t] = c - a - d
            adv[k], drp[k] = a.sum(axis=1), d.sum(axis=1)

        # 2.-3. Moves, new prospects and referrals enter.
        entries = np.zeros_like(n)
        for k, j in enumerate(nxt):
            if j is not None:
                entries[j] += adv[k]
        arr = draws.poisson(P.arrivals) if arrivals else np.zeros(N, dtype=n.dtype)
        if referrals:
            ref = draws.poisson((P.advocacy * (1 - f_stage) * n).sum(axis=0))
        else:
            ref = np.zeros(N, dtype=n.dtype)
        entries[0] += arr
        entries[model.referral_entry] += ref
        for k in sbg:
            cohorts[k][:, t] = entries[k]

        # 4. Cash: per-month amounts on n(t-1), entry revenue on every entry.
        revenue = (n * P.revenue_per_month).sum(axis=0) + (entries * P.revenue_on_entry).sum(axis=0)
        month_spend = sum((inv.spend_in(t) for inv in investments), np.zeros(N)) if spend else np.zeros(N)
        out["revenue"].append(revenue)
        out["cost"].append((n * P.cost_per_month).sum(axis=0) + month_spend)
        out["spend"].append(month_spend)
        out["acquired"].append(sum((adv[k] for k in acquiring), np.zeros(N, dtype=n.dtype)))
        out["churned"].append(drp[is_own].sum(axis=0))
        out["dropped"].append(drp.sum(axis=0))
        out["arrivals"].append(arr)
        out["referrals"].append(ref)

        n = n - adv - drp + entries
        out["active"].append(n[is_own].sum(axis=0))
        out["in_stages"].append(n.sum(axis=0))
    return {key: np.stack(v, axis=1) for key, v in out.items()}


def clv_and_retention(model: Model, P: Params, investments: list) -> tuple[np.ndarray, np.ndarray]:
    """Exact CLV and 12-month retention of one customer entering the first own stage.

    The expected-value recursion of `run_months` from one person in the first
    own stage, at fully ramped rates, without arrivals, referrals or spend.
    """
    N = P.advance.shape[1]
    first_own = next(k for k, s in enumerate(model.stages) if s.phase == "own")
    horizon = model.clv_horizon_months
    months = max(horizon, 12)
    initial = np.zeros_like(P.advance)
    initial[first_own] = 1.0
    series = run_months(
        model, P, investments, months,
        initial=initial, sampler_for_month=lambda t: Expected,
        arrivals=False, referrals=False, full_ramp=True, spend=False,
    )
    discount = model.delta ** np.arange(1, horizon + 1)
    margin = series["revenue"][:, :horizon] - series["cost"][:, :horizon]
    clv = P.revenue_on_entry[first_own] + margin @ discount
    retention = series["active"][:, 11]
    assert retention.shape == (N,)
    return clv, retention


# --------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------


def variant_results(model: Model, P: Params, investments: list, initial, sampler_for_month) -> dict:
    """Per-trial results (MODEL.md §5) and monthly series of one variant."""
    s = run_months(model, P, investments, model.months, initial=initial, sampler_for_month=sampler_for_month)
    discount = model.delta ** np.arange(1, model.months + 1)
    margin = s["revenue"] - s["cost"]
    disc_margin = margin * discount
    clv, retention = clv_and_retention(model, P, investments)
    return {
        "total_revenue": s["revenue"].sum(axis=1),
        "total_cost": s["cost"].sum(axis=1),
        "total_margin": margin.sum(axis=1),
        "npv": disc_margin.sum(axis=1),
        "customers_acquired": s["acquired"].sum(axis=1).astype(float),
        "active_customers_end": s["active"][:, -1].astype(float),
        "referrals": s["referrals"].sum(axis=1).astype(float),
        "clv": clv,
        "retention_12m": retention,
        "monthly": {
            "active_customers": s["active"],
            "revenue": s["revenue"],
            "margin": margin,
            "cumulative_npv": np.cumsum(disc_margin, axis=1),
            "acquired": s["acquired"],
            "churned": s["churned"],
        },
        "_series": s,
        "_discounted_margin": disc_margin,
        "_discount": discount,
    }


def uplift_results(base: dict, scen: dict) -> dict:
    """Scenario against the baseline of the same trial."""
    spend = scen["_series"]["spend"]
    investment_pv = spend @ scen["_discount"]
    uplift_npv = scen["npv"] - base["npv"]
    roi = np.divide(uplift_npv, investment_pv, out=np.full(uplift_npv.shape, np.nan), where=investment_pv > 0)
    # Payback: first month, from the first month with spend on, whose
    # cumulative discounted uplift (costs included) is >= 0; undefined (NaN)
    # if it never is or nothing is spent.
    cum = scen["monthly"]["cumulative_npv"] - base["monthly"]["cumulative_npv"]
    has_spend = spend > 0
    first_spend = np.where(has_spend.any(axis=1), has_spend.argmax(axis=1), cum.shape[1])
    ok = (cum >= 0) & (np.arange(cum.shape[1]) >= first_spend[:, None])
    payback = np.where(ok.any(axis=1), ok.argmax(axis=1) + 1.0, np.nan)
    return {
        "uplift_revenue": scen["total_revenue"] - base["total_revenue"],
        "uplift_npv": uplift_npv,
        "investment_pv": investment_pv,
        "roi": roi,
        "payback_month": payback,
        "_cumulative": cum,
    }


def simulate(model: Model, trials: int, seed: int, expected: bool = False) -> list:
    """Per-trial results of the baseline and every scenario (common random numbers).

    Returns [(name, results, uplift or None)]. With `expected`, every
    uncertain value is at its mean and every draw at its expected value.
    """
    n = 1 if expected else trials
    param_rng = None if expected else np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 0])))
    P = draw_params(model, n, param_rng)
    month_seeds = np.random.SeedSequence([seed, 1]).spawn(model.months)

    def sampler_for_month(t):
        if expected:
            return Expected
        return Sampled(np.random.Generator(np.random.PCG64(month_seeds[t - 1])))

    initial = np.repeat(model.initial[:, None], n, axis=1)
    if not expected:
        initial = initial.astype(np.int64)
    base = variant_results(model, P, [], initial, sampler_for_month)
    out = [("Baseline", base, None)]
    for j, (name, invs) in enumerate(model.scenarios):
        inv_rng = None if expected else np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 2, j])))
        drawn = draw_investments(invs, n, inv_rng)
        res = variant_results(model, P, drawn, initial, sampler_for_month)
        out.append((name, res, uplift_results(base, res)))
    return out


def _stats(x: np.ndarray) -> dict:
    x = np.asarray(x, dtype=float)
    finite = x[~np.isnan(x)]
    if finite.size == 0:
        return {k: None for k in STATS}
    q = np.quantile(finite, [0.05, 0.5, 0.95])
    out = {
        "mean": float(finite.mean()),
        "sd": float(finite.std(ddof=1)) if finite.size > 1 else 0.0,
        "p05": float(q[0]),
        "p50": float(q[1]),
        "p95": float(q[2]),
    }
    if finite.size < x.size:
        out["count"] = int(finite.size)  # trials where the value is defined
    return out


def _monthly_stats(x: np.ndarray) -> dict:
    x = np.asarray(x, dtype=float)
    q = np.quantile(x, [0.05, 0.5, 0.95], axis=0)
    return {"mean": x.mean(axis=0).tolist(), "p05": q[0].tolist(), "p50": q[1].tolist(), "p95": q[2].tolist()}


def summarise(results: list, trials: int, seed: int, engine: str = "numpy", expected: bool = False) -> dict:
    """Summary document in the shape of `journey run --format json`."""
    out = []
    for name, res, up in results:
        entry = {
            "name": name,
            "summary": {k: _stats(res[k]) for k in RESULT_KEYS},
            "monthly": {k: _monthly_stats(res["monthly"][k]) for k in MONTHLY_KEYS},
        }
        if up is not None:
            entry["monthly"]["cumulative_uplift_npv"] = _monthly_stats(up["_cumulative"])
            entry["uplift"] = {k: _stats(up[k]) for k in UPLIFT_KEYS}
            roi = up["roi"][~np.isnan(up["roi"])]
            defined = roi.size and not expected  # no probability in expected mode
            entry["uplift"]["prob_positive_roi"] = float((roi > 0).mean()) if defined else None
        out.append(entry)
    return {"engine": engine, "trials": trials, "seed": seed, "results": out}


def run(doc: dict, trials: int, seed: int, expected: bool = False) -> dict:
    """Parse, simulate and summarise: the call the benchmark times."""
    model = load_model(doc)
    return summarise(simulate(model, trials, seed, expected), 1 if expected else trials, seed,
                     "numpy-expected" if expected else "numpy", expected)


# --------------------------------------------------------------------------
# Self-test against the exact checks of MODEL.md §7
# --------------------------------------------------------------------------

MODEL_MD_EXAMPLE = {
    "schema": 1,
    "name": "Subscription retailer",
    "currency": "USD",
    "months": 36,
    "discount_rate": 0.10,
    "clv_horizon_months": 120,
    "arrivals_per_month": 5000,
    "referral_entry": "research",
    "departments": [
        {"id": "marketing", "name": "Marketing", "friction": 0.15},
        {"id": "sales", "name": "Sales", "friction": {"low": 0.10, "high": 0.30}},
        {"id": "operations", "name": "Operations", "friction": 0.20},
        {"id": "care", "name": "Customer Care", "friction": 0.25},
    ],
    "handoffs": [{"from": "sales", "to": "operations", "friction": 0.10}],
    "stages": [
        {"id": "need", "name": "Need", "phase": "buy", "owner": "marketing", "advance": 0.40, "drop": 0.35},
        {"id": "research", "name": "Research", "phase": "buy", "owner": "marketing", "advance": 0.35, "drop": 0.30},
        {"id": "purchase", "name": "Purchase", "phase": "buy", "owner": "sales", "advance": 0.60, "drop": 0.25},
        {"id": "onboard", "name": "Onboard", "phase": "own", "owner": "operations", "advance": 0.70, "drop": 0.08,
         "revenue_on_entry": 120},
        {"id": "use", "name": "Use", "phase": "own", "owner": "care", "advance": 0.05,
         "drop": {"sbg": {"alpha": 0.70, "beta": 3.8}}, "revenue_per_month": 30, "cost_per_month": 12,
         "advocacy": 0.02},
        {"id": "loyal", "name": "Loyal", "phase": "own", "owner": "care", "advance": 0.0, "drop": 0.01,
         "revenue_per_month": 35, "cost_per_month": 10, "advocacy": {"low": 0.03, "high": 0.08}},
    ],
    "initial": {"use": 2000},
    "scenarios": [
        {"name": "Fix onboarding",
         "investments": [{"department": "operations", "monthly_spend": 20000,
                          "half_friction_spend": {"low": 20000, "high": 80000},
                          "start_month": 1, "ramp_months": 3}]},
        {"name": "Integrate sales and operations",
         "investments": [{"handoff": {"from": "sales", "to": "operations"}, "one_off": 150000,
                          "monthly_spend": 5000, "half_friction_spend": 10000}]},
    ],
}


def _certain(doc):
    """A copy of a scenario with every uncertain value at its midpoint."""
    if isinstance(doc, dict):
        if set(doc) == {"low", "high"}:
            return (doc["low"] + doc["high"]) / 2
        return {k: _certain(v) for k, v in doc.items()}
    if isinstance(doc, list):
        return [_certain(v) for v in doc]
    return doc


def _two_stage(own: dict, horizon: int, months: int = 24) -> dict:
    return {
        "schema": 1, "months": months, "clv_horizon_months": horizon,
        "departments": [{"id": "d", "friction": 0.0}],
        "stages": [
            {"id": "buy", "phase": "buy", "owner": "d", "advance": 0.5, "drop": 0.5},
            dict({"id": "own", "phase": "own", "owner": "d"}, **own),
        ],
        "initial": {"buy": 100, "own": 100},
    }


def self_test() -> bool:
    ok = True

    def check(name, passed, detail=""):
        nonlocal ok
        ok &= bool(passed)
        print(f"{'PASS' if passed else 'FAIL'}  {name}{'  ' + detail if detail else ''}")

    n = 8
    # 1. One own stage, constant drop d, revenue m: closed-form CLV (per trial).
    doc = _two_stage({"drop": {"low": 0.02, "high": 0.10}, "revenue_per_month": {"low": 20, "high": 40},
                      "revenue_on_entry": 50}, horizon=120)
    model = load_model(doc)
    P = draw_params(model, n, np.random.Generator(np.random.PCG64(7)))
    clv, ret = clv_and_retention(model, P, [])
    d, m, r = P.drop[1], P.revenue_per_month[1], P.revenue_on_entry[1]
    t = np.arange(1, 121)
    exact = r + m * ((1 - d[:, None]) ** (t - 1) * model.delta**t).sum(axis=1)
    err = np.max(np.abs(clv - exact) / exact)
    check("constant-drop CLV = closed form (8 trials, uncertain d and m)", err < 1e-12, f"max rel err {err:.1e}")
    err = np.max(np.abs(ret - (1 - d) ** 12))
    check("constant-drop retention_12m = (1-d)^12", err < 1e-12, f"max abs err {err:.1e}")

    # 2. sBG stage alone: S(tau) = B(a, b+tau)/B(a, b); long-horizon CLV = 2F1 form.
    doc = _two_stage({"drop": {"sbg": {"alpha": {"low": 0.5, "high": 1.5}, "beta": {"low": 2.0, "high": 6.0}}},
                      "revenue_per_month": 30, "revenue_on_entry": 120}, horizon=3000)
    model = load_model(doc)
    P = draw_params(model, 4, np.random.Generator(np.random.PCG64(11)))
    clv, ret = clv_and_retention(model, P, [])
    a, b = P.alpha[1], P.beta[1]
    surv12 = np.exp(sum(np.log((b + i) / (a + b + i)) for i in range(12)))  # B(a,b+12)/B(a,b)
    err = np.max(np.abs(ret - surv12))
    check("sBG retention_12m = B(a,b+12)/B(a,b)", err < 1e-12, f"max abs err {err:.1e}")
    delta = model.delta
    term, hyp = np.ones_like(a), np.zeros_like(a)
    for i in range(20000):  # 2F1(1, b; a+b; delta) = sum_n (b)_n/(a+b)_n delta^n
        hyp += term
        term = term * (b + i) / (a + b + i) * delta
    exact = 120 + 30 * delta * hyp
    err = np.max(np.abs(clv - exact) / exact)
    check("sBG CLV (L=3000) -> roe + m*delta*2F1(1,b;a+b;delta)", err < 1e-6, f"max rel err {err:.1e}")

    # 3. Conservation of people, every trial and month (MODEL.md example).
    model = load_model(MODEL_MD_EXAMPLE)
    results = simulate(model, 40, 3)
    worst = 0
    for name, res, _ in results:
        s = res["_series"]
        lhs = model.initial.sum() + np.cumsum(s["arrivals"] + s["referrals"], axis=1)
        rhs = s["in_stages"] + np.cumsum(s["dropped"], axis=1)
        worst = max(worst, np.max(np.abs(lhs - rhs)))
    check("people conserved in every trial, month and variant (40 trials)", worst == 0, f"max gap {worst}")

    # 4. Zero friction and zero investment: scenario == baseline exactly.
    people = ("customers_acquired", "active_customers_end", "referrals", "total_revenue", "clv", "retention_12m")
    people_monthly = ("active_customers", "revenue", "acquired", "churned")
    for label, d, keys, monthly in (
        ("zero friction and zero investment", _zero_investment(_zero_friction(MODEL_MD_EXAMPLE)),
         RESULT_KEYS, MONTHLY_KEYS),
        ("zero investment (friction as given)", _zero_investment(MODEL_MD_EXAMPLE), RESULT_KEYS, MONTHLY_KEYS),
        ("zero friction (spend as given): people and revenue", _zero_friction(MODEL_MD_EXAMPLE),
         people, people_monthly),
    ):
        model = load_model(d)
        results = simulate(model, 20, 5)
        base = results[0][1]
        same = all(
            np.array_equal(base[k], res[k]) for _, res, _ in results[1:] for k in keys
        ) and all(
            np.array_equal(base["monthly"][k], res["monthly"][k]) for _, res, _ in results[1:] for k in monthly
        )
        check(f"{label}: every scenario equals the baseline in every trial", same)

    # 5. Friction, hand-off, investment and ramp as MODEL.md §3 (expected mode).
    doc = {
        "schema": 1, "months": 4,
        "departments": [{"id": "s", "friction": 0.2}, {"id": "o", "friction": 0.1}],
        "handoffs": [{"from": "s", "to": "o", "friction": 0.3}],
        "stages": [{"id": "buy", "phase": "buy", "owner": "s", "advance": 0.5, "drop": 0.1},
                   {"id": "own", "phase": "own", "owner": "o", "drop": 0.0}],
        "initial": {"buy": 1000},
        "scenarios": [{"name": "x", "investments": [
            {"handoff": {"from": "s", "to": "o"}, "monthly_spend": 100, "half_friction_spend": 100,
             "start_month": 2, "ramp_months": 2}]}],
    }
    model = load_model(doc)
    res = simulate(model, 1, 0, expected=True)[1][1]
    got = res["monthly"]["acquired"][0]
    n0, rates = 1000.0, []
    for t, ramp in zip(range(1, 5), (0.0, 0.5, 1.0, 1.0)):
        rates.append(0.5 * (1 - 0.2) * (1 - 0.3 * 2 ** (-ramp)))
    expect, left = [], n0
    for a in rates:
        expect.append(left * a)
        left *= 1 - 0.5 - 0.1  # stay = 1 - advance - drop, whatever the friction
    err = np.max(np.abs(got - expect))
    check("hand-off friction, investment and ramp (expected acquisitions)", err < 1e-9, f"max abs err {err:.1e}")

    # 6. Monte Carlo mean converges to the deterministic expectation.
    doc = _certain(MODEL_MD_EXAMPLE)
    model = load_model(doc)
    exp_res = simulate(model, 1, 0, expected=True)
    mc_res = simulate(model, 200, 9)
    worst_z = 0.0
    for (name, e, eu), (_, mc, mcu) in zip(exp_res, mc_res):
        for key in ("npv", "total_revenue", "customers_acquired", "referrals", "active_customers_end"):
            x = mc[key]
            z = abs(x.mean() - e[key][0]) / (x.std(ddof=1) / math.sqrt(x.size))
            worst_z = max(worst_z, z)
        x = mc["clv"]
        check(f"{name}: CLV identical in Monte Carlo and expected mode", np.allclose(x, e["clv"][0], rtol=1e-12))
    check("Monte Carlo means (200 trials) within 4 SE of the exact expectation", worst_z < 4.0,
          f"worst |z| = {worst_z:.2f} over 15 checks")

    # 7. CLV against a plain scalar recursion (one trial at a time, by months in stage),
    #    also where a drawn advance + h(tau) exceeds 1 and is scaled down.
    wide = json.loads(json.dumps(MODEL_MD_EXAMPLE))
    wide["stages"][4]["advance"] = 0.5
    wide["stages"][4]["drop"] = {"sbg": {"alpha": {"low": 0.3, "high": 3.0}, "beta": 1.5}}
    for label, doc, n in (("MODEL.md example", MODEL_MD_EXAMPLE, 3), ("advance + h(tau) > 1 in some draws", wide, 12)):
        model = load_model(doc)
        P = draw_params(model, n, np.random.Generator(np.random.PCG64(13)))
        invs = draw_investments(model.scenarios[0][1], n, np.random.Generator(np.random.PCG64(14)))
        clv, ret = clv_and_retention(model, P, invs)
        f_dept, f_hand = frictions(model, P, invs, None)
        worst, scaled = 0.0, 0
        for i in range(n):
            ref_clv, ref_ret, k = _scalar_clv(model, P, f_dept[:, i], f_hand[:, i], i)
            worst = max(worst, abs(clv[i] - ref_clv) / ref_clv, abs(ret[i] - ref_ret))
            scaled += k
        check(f"CLV and retention_12m = scalar per-customer recursion ({label})", worst < 1e-12,
              f"max err {worst:.1e}, {scaled} of {n} trials scaled")
    return ok


def _scalar_clv(model, P, f_dept, f_hand, i):
    """Reference CLV for trial i: a dict of (stage, months in stage) -> probability."""
    stages = model.stages
    first = next(k for k, s in enumerate(stages) if s.phase == "own")
    delta = model.delta
    state = {(first, 1): 1.0}
    clv, retention, scaled = float(P.revenue_on_entry[first, i]), None, False
    for t in range(1, max(model.clv_horizon_months, 12) + 1):
        new, value = {}, 0.0
        for (k, tau), p in state.items():
            s = stages[k]
            value += p * (P.revenue_per_month[k, i] - P.cost_per_month[k, i])
            handoff = f_hand[s.handoff] if s.handoff is not None else 0.0
            advance = P.advance[k, i]
            if s.sbg is None:
                drop = P.drop[k, i]
            else:
                a, b = P.alpha[k, i], P.beta[k, i]
                drop = a / (a + b + tau - 1)
                if advance + drop > 1:
                    advance, drop = advance / (advance + drop), drop / (advance + drop)
                    scaled = True
            adv = advance * (1 - f_dept[s.owner]) * (1 - handoff)
            stay = 1 - advance - drop
            new[(k, tau + 1)] = new.get((k, tau + 1), 0.0) + p * stay
            if adv > 0:
                new[(s.next, 1)] = new.get((s.next, 1), 0.0) + p * adv
                value += p * adv * P.revenue_on_entry[s.next, i]
        state = new
        if t <= model.clv_horizon_months:
            clv += value * delta**t
        if t == 12:
            retention = sum(state.values())
    return clv, retention, scaled


def _zero_friction(doc):
    d = json.loads(json.dumps(doc))
    for x in d["departments"] + d["handoffs"]:
        x["friction"] = 0.0
    return d


def _zero_investment(doc):
    d = json.loads(json.dumps(doc))
    for sc in d["scenarios"]:
        for inv in sc["investments"]:
            inv["monthly_spend"], inv["one_off"] = 0.0, 0.0
    return d


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("scenario", nargs="?", help="scenario JSON file (MODEL.md §2)")
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", action="store_true", help="print the summary as JSON on stdout (timing on stderr)")
    ap.add_argument("--expected", action="store_true", help="deterministic expectation instead of Monte Carlo")
    ap.add_argument("--self-test", action="store_true", help="check against MODEL.md §7 and exit")
    args = ap.parse_args(argv)

    if args.self_test:
        return 0 if self_test() else 1
    if not args.scenario:
        ap.error("a scenario file is required (or --self-test)")
    if not 1 <= args.trials <= 1_000_000:
        ap.error("--trials must be in 1..=1000000")
    with open(args.scenario) as f:
        doc = json.load(f)
    try:
        start = time.perf_counter()
        summary = run(doc, args.trials, args.seed, args.expected)
        elapsed = time.perf_counter() - start
    except ScenarioError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    trials = summary["trials"]
    line = f"numpy: {trials} trials in {elapsed:.3f} s ({trials / elapsed:.1f} trials/s)"
    if args.json:
        print(line, file=sys.stderr)
        json.dump(summary, sys.stdout, allow_nan=False)
        print()
    else:
        print(line)
        for r in summary["results"]:
            s = r["summary"]
            extra = ""
            if "uplift" in r:
                u = r["uplift"]["uplift_npv"]["mean"]
                extra = f"  uplift_npv {u:,.0f}"
            print(f"  {r['name']}: npv {s['npv']['mean']:,.0f}  clv {s['clv']['mean']:,.2f}  "
                  f"retention_12m {s['retention_12m']['mean']:.3f}{extra}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
