"""Finance's vouchers (BT_FFMX): each month's subsidies for the month before, and the planted slips.

Subsidies for month C are paid in month C+1 (post subsidies to people, workshop and hiring subsidies
to organisations naming the laborer, one-off transport, job-seeking, training and loan-interest
subsidies). A few payments bounce (ZT '2') and are paid again the month after; a few are reversed
(ZT '3' naming the original). Amounts are in fen and dates 'YYYY/MM/DD', as finance writes them.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from synth import codes, periods, rng
from synth.codes import Kind
from synth.county import CountyWorld
from synth.emit import Emitter
from synth.model import Employer, Labor, Person, Plant
from synth.payees import Payee, outsider, payee
from synth.planted_payments import planted, skips_natural
from synth.regions import Village
from synth.rng import between
from synth.truth import TruthLog

BOUNCE, REVERSE = 0.003, 0.001


class Payments:
    """Vouchers of one village, numbered per paying month."""

    def __init__(self, emitter: Emitter, truth: TruthLog, village: Village, world: CountyWorld) -> None:
        self.emitter, self.truth, self.village, self.world = emitter, truth, village, world
        self._sequence: dict[tuple[int, int], int] = {}

    def voucher(self, paid: date, batch: int) -> str:
        month = periods.month_of(paid)
        number = self._sequence.get((month, batch), 0) + 1
        self._sequence[(month, batch)] = number
        return f"FF{periods.compact_month(month)}{self.village.code}{batch}{number:04d}"

    def write(
        self,
        voucher: str,
        item: str,
        fen: int,
        covered: int,
        paid: date,
        draw: Random,
        *,
        to: Payee | None = None,
        org: Employer | None = None,
        about: Person | None = None,
        status: str = codes.PAID,
        reverses: str | None = None,
        stamp: date | None = None,
        protected: bool = False,
    ) -> bool:
        stamped = stamp or paid
        if org is not None:
            assert about is not None
            values: list[object] = [voucher, None, None, org.account, org.code, about.citizen_id]
            ids: tuple[str | None, ...] = (None, about.citizen_id)
            protected = protected or about.protected
        else:
            assert to is not None
            values = [voucher, to.name, to.raw_id or to.citizen_id, to.account, None, None]
            ids = (to.citizen_id, None)
        values += [
            item,
            fen,
            periods.period(covered),
            periods.slash_date(paid),
            codes.FUND_SOURCE[item],
            self.world.county.code,
            status,
            reverses,
            periods.iso_stamp(stamped, periods.office_seconds(draw.random())),
        ]
        return self.emitter.emit("BT_FFMX", values, when=stamped, ids=ids, protected=protected)

    def individual(
        self, item: str, fen: int, covered: int, paid: date, to: Payee, draw: Random, *, protected: bool, natural: bool
    ) -> str | None:
        """Pay a person; natural payments occasionally bounce or get reversed. Returns the voucher."""
        voucher = self.voucher(paid, 0)
        roll = draw.random() if natural and not protected else 1.0
        if roll < BOUNCE:
            bounced = paid + timedelta(days=draw.randint(3, 6))
            self.write(
                voucher,
                item,
                fen,
                covered,
                paid,
                draw,
                to=to,
                status=codes.RETURNED_PAYMENT,
                stamp=bounced,
                protected=True,
            )
            again = periods.day(periods.month_of(paid) + 1, draw.randint(5, 15))
            self.write(self.voucher(again, 1), item, fen, covered, again, draw, to=to, protected=True)
            return None
        if roll < BOUNCE + REVERSE:
            self.write(voucher, item, fen, covered, paid, draw, to=to, protected=True)
            undone = paid + timedelta(days=draw.randint(2, 5))
            self.write(
                self.voucher(undone, 0),
                item,
                fen,
                covered,
                undone,
                draw,
                to=to,
                status=codes.REVERSAL,
                reverses=voucher,
                protected=True,
            )
            return None
        written = self.write(voucher, item, fen, covered, paid, draw, to=to, protected=protected)
        return voucher if written else None

    def organisation(
        self, item: str, fen: int, covered: int, paid: date, org: Employer, about: Person, draw: Random
    ) -> str | None:
        voucher = self.voucher(paid, 0)
        written = self.write(voucher, item, fen, covered, paid, draw, org=org, about=about)
        return voucher if written else None

    def month(
        self, covered: int, labors: list[Labor], village_plants: list[Plant], seed: int, local_index: int
    ) -> None:
        """Every payment covering ``covered``, paid the month after."""
        draw = rng.stream(seed, "payments", self.village.code, covered)
        paying = covered + 1
        post_day = draw.randint(5, 12)
        for labor in labors:
            self._natural(labor, covered, paying, post_day, draw)
            plant = labor.person.plant
            if plant is not None and plant.details.get("host") is labor.person:
                planted(self, plant, labor, covered, paying, post_day, draw)
        for number, plant in enumerate(village_plants):
            if plant.month == covered and plant.kind in ("unregistered", "not_unregistered_returned"):
                who = outsider(self.village, local_index, number, seed)
                paid = periods.day(paying, draw.randint(8, 14))
                voucher = self.voucher(paid, 0)
                if plant.kind == "unregistered":
                    if self.write(
                        voucher, codes.JOB_SEEKING_SUBSIDY, 100_000, covered, paid, draw, to=who, protected=True
                    ):
                        self.truth.plant("PAYMENT_TO_UNREGISTERED", voucher=voucher)
                else:
                    back = paid + timedelta(days=draw.randint(3, 6))
                    if self.write(
                        voucher,
                        codes.TRANSPORT_SUBSIDY,
                        40_000,
                        covered,
                        paid,
                        draw,
                        to=who,
                        status=codes.RETURNED_PAYMENT,
                        stamp=back,
                        protected=True,
                    ):
                        self.truth.near_miss("PAYMENT_TO_UNREGISTERED", voucher=voucher)

    def _natural(self, labor: Labor, covered: int, paying: int, post_day: int, draw: Random) -> None:
        person = labor.person
        first = periods.first_day(covered)
        if skips_natural(labor, covered):
            return
        for placement in labor.active_posts(covered):
            paid = periods.day(paying, post_day)
            self.individual(
                placement.item,
                placement.subsidy * 100,
                covered,
                paid,
                payee(person),
                draw,
                protected=person.protected,
                natural=not labor.pinned,
            )
        status = labor.status
        if status is Kind.WORKSHOP and person.hr_tracked and labor.employer is not None:
            self.organisation(
                codes.WORKSHOP_SUBSIDY, 30_000, covered, periods.day(paying, post_day + 2), labor.employer, person, draw
            )
        if (
            status is Kind.COUNTY
            and person.hr_tracked
            and labor.employer is not None
            and labor.employer.dwlx == codes.ENTERPRISE
            and labor.job_from == covered - 2
        ):
            self.organisation(
                codes.HIRING_SUBSIDY, 150_000, covered, periods.day(paying, post_day + 2), labor.employer, person, draw
            )
        if labor.pinned:
            return
        one_off = periods.day(paying, between(draw, 8, 20))
        if status in (Kind.OUT, Kind.IN):
            leaving = periods.after_festival(covered) and draw.random() < 0.4
            if leaving or (labor.job_from == covered and draw.random() < 0.5):
                fen = 50_000 if status is Kind.OUT else 30_000
                self.individual(
                    codes.TRANSPORT_SUBSIDY,
                    fen,
                    covered,
                    one_off,
                    payee(person),
                    draw,
                    protected=person.protected,
                    natural=True,
                )
        if (
            status in codes.EMPLOYED
            and labor.job_from == covered
            and periods.age_on(person.birth, first) <= 25
            and draw.random() < 0.3
        ):
            self.individual(
                codes.JOB_SEEKING_SUBSIDY,
                100_000,
                covered,
                one_off,
                payee(person),
                draw,
                protected=person.protected,
                natural=True,
            )
        for training in labor.trainings:
            if training.certificate and periods.month_of(training.end) == covered:
                self.individual(
                    codes.TRAINING_SUBSIDY,
                    120_000,
                    covered,
                    one_off,
                    payee(person),
                    draw,
                    protected=person.protected,
                    natural=True,
                )
        if status is Kind.SELF and covered % 3 == 2 and draw.random() < 0.5:
            fen = draw.randrange(30_000, 150_001, 500)
            self.individual(
                codes.LOAN_INTEREST,
                fen,
                covered,
                one_off,
                payee(person),
                draw,
                protected=person.protected,
                natural=True,
            )
