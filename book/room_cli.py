"""./manual room (python -m book room): the room without a notebook, driven from the terminal.

Without --on it lists this machine's networks and asks for one: the room listens beyond this
machine only where the trainer says. Then it prints the join address, a QR code and the room
code, and reads commands: a question id asks it; close, reveal, results, quit. Counts are printed
as they arrive (at most once a second) and as the tally's table when answers close.
"""
from __future__ import annotations

import asyncio
import signal
import sys
import threading

from book.i18n import t
from book.room import Room, RoomError, Round, listening_text, network_addresses, room_table

PRINT_INTERVAL = 1.0


def choose_network_text(lang: str) -> str:
    found = network_addresses()
    example = next((name for name, address in found if not address.startswith("127.")), "lo")
    lines = [t(lang, "room_cli_choose", example=example)]
    lines += [f"  {name:<12} {address}" for name, address in found]
    return "\n".join(lines)


def print_table(room: Room, r: Round, out=sys.stdout) -> None:
    df = room_table(r.question, r.counts, r.answers, room.lang)
    shown = df[["label", "count", "share"]].copy()
    if r.phase == "revealed":
        shown[t(room.lang, "correct_option")] = df["correct"].map({True: "✓", False: ""})
    print(r.question.text[room.lang], file=out)
    print(shown.to_string(index=False, header=False), file=out)
    if r.phase == "revealed":
        print(r.question.feedback[room.lang], file=out)


async def run(network: str, port: int, lang: str) -> int:
    import segno
    room = Room(network=network, port=port, lang=lang).start()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(listening_text(room, lang, how=lambda name: f"./manual room --on {name}"))
    print(f"{t(lang, 'room_join')} {room.join_url}")
    segno.make(room.join_url, error="m").terminal(compact=True)
    print(t(lang, "room_code_trainer", code=room.code))
    print(t(lang, "room_cli_commands"), flush=True)
    last = {"printed": 0.0, "answers": -1}

    def progress(r):
        if r is None or r.answers == last["answers"] or loop.time() - last["printed"] < PRINT_INTERVAL:
            return
        last.update(printed=loop.time(), answers=r.answers)
        print(t(lang, "room_count", answers=r.answers, phones=len(room.streams)), flush=True)
    room.listeners.append(progress)

    def command(line: str) -> None:
        text = line.strip()
        try:
            if text in ("quit", "exit"):
                stop.set()
            elif text == "close":
                print_table(room, room.close_question())
            elif text == "reveal":
                print_table(room, room.reveal())
            elif text == "results":
                for item in room.results():
                    print(item)
            elif text:
                print(room.ask(text).question.text[lang])
        except RoomError as exc:
            print(exc)
        sys.stdout.flush()

    def read_commands() -> None:  # a daemon thread: a pending readline never holds up Ctrl+C
        for line in sys.stdin:
            loop.call_soon_threadsafe(command, line)

    threading.Thread(target=read_commands, name="room-commands", daemon=True).start()
    await stop.wait()
    room.stop()
    print(t(lang, "room_closed"), flush=True)
    return 0


def main(network: str | None, port: int, lang: str) -> int:
    if not network:
        print(choose_network_text(lang), file=sys.stderr)
        return 2
    try:
        return asyncio.run(run(network, port, lang))
    except RoomError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
