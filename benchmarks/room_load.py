"""The room under load: 200 phones join within a second, get a question, and answer within a second.

This process is the trainer's notebook: it runs the room and the trainer's widget (book.room,
book.room_widget, with the chart redrawn as answers arrive) on its asyncio event loop, as a kernel
does. A second process plays the phones: raw HTTP/1.1 over asyncio sockets, each phone joining
over a keep-alive connection (as a browser keeps one for its requests), holding its
server-sent-events stream on another, and sending one answer on the first at a random moment in
the second after the question reached it. Everything is on 127.0.0.1; the loop is bounded and stops by itself.

Reported (both processes read CLOCK_MONOTONIC, so their times compare):
- question pushed -> shown: from room.ask() to each phone's stream delivering the question;
- answer -> count: from a phone starting to send its answer to the trainer's widget holding the
  new count (its `answers` and `counts` traits), matched phone by phone through the device token;
- the server's memory (resident set) before the room, with 200 phones connected, after answers.

    .venv/bin/python benchmarks/room_load.py [--phones 200] [--seed 1]

Writes benchmarks/results-room.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
TIMEOUT = 60  # seconds: the whole run stops by then whatever happens


# --- the phones (child process) ---------------------------------------------------------------

class Connection:
    """One keep-alive HTTP/1.1 connection, as a phone's browser keeps one for its requests."""

    def __init__(self, host, port):
        self.host, self.port = host, port

    async def open(self):
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        return self

    async def post(self, path, body=b""):
        self.writer.write(f"POST {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                          f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body)
        await self.writer.drain()
        status = int((await self.reader.readline()).split(b" ", 2)[1])
        length = 0
        while (line := await self.reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        return status, await self.reader.readexactly(length)

    def close(self):
        self.writer.close()


async def phone(i, url, answer, rng, joined, go, results):
    parsed = urlparse(url)
    host, port, base = parsed.hostname, parsed.port, parsed.path
    await asyncio.sleep(i / len(results["phones_planned"]))  # joins spread over one second
    requests = await Connection(host, port).open()
    status, body = await requests.post(base + "join")
    device = json.loads(body)["device"]
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {base}events?device={device}&lang={'ru' if i % 2 else 'en'} HTTP/1.1\r\n"
                 f"Host: {host}:{port}\r\n\r\n".encode())
    await writer.drain()
    received = None
    joined.append(device)
    if len(joined) == len(results["phones_planned"]):
        go.set()
    while received is None:
        line = await reader.readline()
        if not line:
            break
        if line.startswith(b"data: ") and b'"phase":"open"' in line:
            received = time.monotonic()
    await asyncio.sleep(rng.random())  # each phone answers some time in the next second
    sent = time.monotonic()
    status, _ = await requests.post(base + "answer?lang=en",
                                    json.dumps({"device": device, "round": 1, "answer": answer}).encode())
    done = time.monotonic()
    requests.close()
    writer.close()
    results["phones"].append({"device": device, "received": received, "sent": sent, "replied": done,
                              "status": status})


async def phones_main(url, answer, count, seed):
    rng = random.Random(seed)
    results = {"phones": [], "phones_planned": list(range(count))}
    joined, go = [], asyncio.Event()
    start = time.monotonic()
    tasks = [asyncio.ensure_future(phone(i, url, answer, random.Random(rng.random()), joined, go, results))
             for i in range(count)]
    await asyncio.wait_for(go.wait(), TIMEOUT)
    print(json.dumps({"ready": True, "join_seconds": time.monotonic() - start}), flush=True)
    await asyncio.wait_for(asyncio.gather(*tasks), TIMEOUT)
    del results["phones_planned"]
    print(json.dumps(results), flush=True)


# --- the trainer's side (this process) --------------------------------------------------------

def rss_mb() -> float:
    import psutil
    return psutil.Process().memory_info().rss / 1e6


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def trainer_main(count: int, seed: int) -> dict:
    from book.bank import default_bank
    from book.room import Room, expected_answer
    from book.room_widget import RoomView
    bank = default_bank()
    question = next((q for q in bank.questions if q.type == "scenario"), bank.questions[0])
    import matplotlib.pyplot  # noqa: F401  (loaded before measuring, as in a notebook that drew a tally)
    memory_before = rss_mb()
    room = Room(bank=bank).start()
    view = RoomView(room)
    counted, draws = {}, []
    answer_as_served = room.answer

    def timed_answer(device, number, answer):  # instrumentation: when the widget holds the count
        result = answer_as_served(device, number, answer)
        counted[device] = time.monotonic()
        return result
    room.answer = timed_answer
    import book.room_widget
    draw_as_served = book.room_widget.counts_html

    def timed_draw(*args):  # the chart, drawn in its own thread while answers arrive
        start = time.monotonic()
        html = draw_as_served(*args)
        draws.append(time.monotonic() - start)
        return html
    book.room_widget.counts_html = timed_draw
    child = await asyncio.create_subprocess_exec(
        sys.executable, __file__, "--as-phones", room.join_url, "--answer", json.dumps(expected_answer(question)),
        "--phones", str(count), "--seed", str(seed), stdout=asyncio.subprocess.PIPE)
    try:
        ready = json.loads(await asyncio.wait_for(child.stdout.readline(), TIMEOUT))
        await asyncio.sleep(0.2)
        memory_joined, phones_connected = rss_mb(), view.phones
        asked = time.monotonic()
        view.ask(question.id)
        ask_ms = (time.monotonic() - asked) * 1000
        report = json.loads(await asyncio.wait_for(child.stdout.readline(), TIMEOUT))
        await asyncio.wait_for(child.wait(), TIMEOUT)
        end = time.monotonic() + 15  # the chart drawn once answers paused (bounded wait)
        while time.monotonic() < end and (view._draw_pending or view._drawing or not draws):
            await asyncio.sleep(0.05)
    finally:
        if child.returncode is None:
            child.kill()
        room.stop()
    rows = report["phones"]
    push = [(r["received"] - asked) * 1000 for r in rows if r["received"]]
    to_count = [(counted[r["device"]] - r["sent"]) * 1000 for r in rows if r["device"] in counted]
    round_trip = [(r["replied"] - r["sent"]) * 1000 for r in rows]
    sends = [r["sent"] for r in rows]
    return {
        "load_average_1min": round(os.getloadavg()[0], 1), "cores": os.cpu_count(),
        "phones": count, "question": question.id, "question_type": question.type,
        "phones_connected": phones_connected, "join_seconds": round(ready["join_seconds"], 2),
        "answers_counted": view.answers, "answers_ok": sum(r["status"] == 200 for r in rows),
        "answer_window_seconds": round(max(sends) - min(sends), 2), "ask_ms": round(ask_ms, 1),
        "push_ms": {"p50": round(percentile(push, 50), 1), "p99": round(percentile(push, 99), 1),
                    "max": round(max(push), 1)},
        "answer_to_count_ms": {"p50": round(percentile(to_count, 50), 1), "p99": round(percentile(to_count, 99), 1),
                               "max": round(max(to_count), 1), "mean": round(statistics.mean(to_count), 1)},
        "answer_round_trip_ms_p99": round(percentile(round_trip, 99), 1),
        "chart_redraws": len(draws), "chart_redraw_ms_max": round(max(draws) * 1000, 1) if draws else None,
        "server_rss_mb": {"before_room": round(memory_before, 1), "phones_connected": round(memory_joined, 1),
                          "after_answers": round(rss_mb(), 1)},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--as-phones", metavar="URL", help=argparse.SUPPRESS)
    parser.add_argument("--answer", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.as_phones:
        asyncio.run(phones_main(args.as_phones, json.loads(args.answer), args.phones, args.seed))
        return 0
    sys.path.insert(0, str(HERE.parent))
    result = asyncio.run(trainer_main(args.phones, args.seed))
    result["target"] = "answer -> count p99 < 250 ms"
    result["met"] = result["answer_to_count_ms"]["p99"] < 250 and result["answers_counted"] == args.phones
    (HERE / "results-room.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))
    return 0 if result["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
