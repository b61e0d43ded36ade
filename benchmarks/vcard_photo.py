"""How long a vCard with a large base64 PHOTO takes to read (issue 22: the unfolding of long
folded lines must stay linear in the file's size).

    PYTHONPATH=plugins python benchmarks/vcard_photo.py --mb 0.5 1 2 4

For each size it writes one card whose PHOTO is that many megabytes of base64 folded at 75
octets, as phones and address books export it, and times `read_vcards` on it (best of --repeat).
"""

from __future__ import annotations

import argparse
import base64
import os
import tempfile
import time
from pathlib import Path

from playbook.cli.importers.vcard import read_vcards


def photo_card(megabytes: float) -> str:
    """One vCard 3.0 card with a PHOTO of `megabytes` MB of base64, folded at 75 octets."""
    data = base64.b64encode(os.urandom(int(megabytes * 1e6 * 3 / 4))).decode("ascii")
    line = "PHOTO;ENCODING=b;TYPE=JPEG:" + data
    folded = [line[:75]] + [" " + line[i : i + 74] for i in range(75, len(line), 74)]
    return "\r\n".join(["BEGIN:VCARD", "VERSION:3.0", "FN:Ada Lovelace", *folded, "END:VCARD", ""])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 1, 2])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for megabytes in args.mb:
            path = Path(folder) / "photo.vcf"
            path.write_text(photo_card(megabytes), encoding="utf-8")
            best = float("inf")
            for _ in range(args.repeat):
                start = time.perf_counter()
                people = read_vcards(path)
                best = min(best, time.perf_counter() - start)
            assert len(people) == 1, people
            print(f"{megabytes:5.1f} MB photo: {best:7.3f} s", flush=True)


if __name__ == "__main__":
    main()
