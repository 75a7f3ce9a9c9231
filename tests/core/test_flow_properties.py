"""Any mix of check-ins, check-outs, walk-ins and failing syncs loses and doubles nothing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.verdicts import VerdictCode
from tests.core.fake_server import URL
from tests.core.flow_fake import FlowAtrium

OPS = st.lists(
    st.one_of(
        st.tuples(st.just("check_in"), st.integers(0, 3)),
        st.tuples(st.just("check_out"), st.integers(0, 3)),
        st.tuples(st.just("walk_in"), st.integers(0, 2)),
        st.tuples(st.just("walk_out"), st.integers(0, 2)),
        st.tuples(st.just("sync"), st.sampled_from(["online", "offline", "lost_answer"])),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=OPS)
def test_every_event_reaches_the_server_once_and_check_outs_stay_single(
    tmp_path_factory, ops: list[tuple[str, object]]
) -> None:
    flow = FlowAtrium(documents=[], hosts=[{"host_id": "H1", "name": "Grace Hopper"}])
    data_dir: Path = tmp_path_factory.mktemp("kiosk")
    config = KioskConfig(data_dir=data_dir, credential_store="memory")
    with Kiosk.open(config, credentials=MemoryCredentialStore(), transport=flow.transport) as kiosk:
        kiosk.pair(URL, flow.code, kiosk_name="Lobby 1")
        passes = [flow.make_pass(visitor=f"Visitor {i}")[0] for i in range(4)]
        kiosk.sync.run_once()
        walk_ins: list[str] = []
        outs: set[str] = set()
        for op, arg in ops:
            if op == "check_in":
                kiosk.checkin.check_in(passes[arg])  # type: ignore[index]
            elif op == "check_out":
                verdict = kiosk.checkout.check_out(passes[arg])  # type: ignore[index]
                if verdict.code == VerdictCode.CHECKED_OUT:
                    assert verdict.jti not in outs
                    outs.add(str(verdict.jti))
            elif op == "walk_in":
                walk_ins.append(kiosk.walk_ins.register(f"Walker {arg} Smith", None, "H1"))
            elif op == "walk_out" and walk_ins:
                event_id = walk_ins[int(arg) % len(walk_ins)]  # type: ignore[call-overload]
                if kiosk.checkout.check_out_walk_in(event_id).code == VerdictCode.CHECKED_OUT:
                    assert event_id not in outs
                    outs.add(event_id)
            else:
                flow.offline = arg == "offline"
                flow.drop_push_response = int(arg == "lost_answer")
                kiosk.sync.run_once()
                flow.offline, flow.drop_push_response = False, 0
        report = kiosk.sync.run_once()
        assert report.ok and report.queue_depth == 0
        queued = {row[0] for row in kiosk.store.conn.execute("SELECT event_id FROM queue")}
        assert queued == set(flow.answers)  # every event answered, none invented
        assert flow.checked_out == outs  # the server saw exactly the kiosk's check-outs
        assert len(flow.walk_in_events if walk_ins else []) == len(walk_ins)
