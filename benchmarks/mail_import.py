"""How long does `playbook import mail` take on a big mailbox, most of it unrelated?

    python benchmarks/mail_import.py --messages 10000 --repeat 3

It writes an mbox of N messages (fixed seed) into a temporary folder beside a copy of the example
playbook: newsletters, notifications and threads with strangers, a twentieth of them with a
base64 attachment of 50 to 300 KB, and 40 messages between you and the example's contacts. Then
it runs `playbook import mail --dry-run` on it in its own process, REPEAT times, and prints the
size of the mailbox and the median wall-clock time (progress goes to stderr).
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ME = "sarah.lee@example.com"
CONTACTS = ["dana.ruiz@example.com", "priya.shah@example.com", "rachel.kim@example.com"]
START = datetime(2026, 6, 1, 9, tzinfo=timezone.utc)


def message(rng: random.Random, index: int) -> str:
    when = format_datetime(START + timedelta(minutes=23 * index))
    related = index % 250 == 0  # 40 in 10,000
    if related:
        contact = rng.choice(CONTACTS)
        sender, to = (ME, contact) if rng.random() < 0.5 else (contact, ME)
    else:
        sender, to = f"news{rng.randrange(400)}@list{rng.randrange(60)}.example", ME
    words = ["brand", "launch", "update", "team", "offer", "week"]
    body = "\n".join(
        " ".join(rng.choice(words) for _ in range(12)) for _ in range(rng.randrange(20, 80))
    )
    parts = [
        f"From: {sender}\nTo: {to}\nDate: {when}\nMessage-ID: <m{index}@bench.example>\n"
        f"Subject: Message {index}\nMIME-Version: 1.0\n"
    ]
    if rng.random() < 0.05:
        blob = base64.encodebytes(rng.randbytes(rng.randrange(50_000, 300_000))).decode()
        parts.append(
            'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
            f"{body}\n--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n"
            f"{blob}--b--\n"
        )
    else:
        parts.append(f"Content-Type: text/plain\n\n{body}\n")
    return f"From MAILER-DAEMON {when}\n" + "".join(parts).replace("\nFrom ", "\n>From ") + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(25)
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        shutil.copytree(ROOT / "data", project / "data")
        mbox = project / "All mail.mbox"
        with mbox.open("w", encoding="utf-8", newline="\n") as out:
            for index in range(args.messages):
                out.write(message(rng, index))
        size = mbox.stat().st_size
        print(f"{args.messages:,} messages, {size / 1e6:,.0f} MB", file=sys.stderr)
        env = {**os.environ, "PLAYBOOK_TODAY": "2026-11-25"}
        command = [sys.executable, "-m", "playbook.cli", "import", "mail", str(mbox), "--dry-run"]
        times = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            done = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - began)
            if done.returncode != 0:
                sys.exit(done.stderr)
            print(done.stdout.strip().splitlines()[-1], file=sys.stderr)
        print(
            f"import mail: {args.messages:,} messages ({size / 1e6:,.0f} MB): median "
            f"{statistics.median(times):.2f} s of {', '.join(f'{t:.2f}' for t in times)}"
        )


if __name__ == "__main__":
    main()
