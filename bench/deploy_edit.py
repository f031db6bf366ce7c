"""Measure what a deploy sends after a one-post edit on a generated archive.

``python -m bench.deploy_edit --posts 1000``: generate the archive, build it
as ``make publish`` does (Pelican with publishconf.py, then the CDN step),
deploy it to a local folder, append a sentence to one post, build and deploy
again; print the files and bytes each deploy uploaded.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.generate import generate_archive

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from publishing.engine import deploy  # noqa: E402
from publishing.targets import make_target  # noqa: E402


def publish(content: Path, output: Path) -> dict[str, float]:
    """Build ``content`` as ``make publish`` does; return the seconds of each step."""
    environ = {**os.environ, "SITE_CONTENT": str(content), "PYTHONPATH": "plugins"}
    times = {}
    for step, command in (
        ("build_s", ["-m", "pelican", str(content), "-o", str(output), "-s",
                     "publishconf.py", "-q"]),
        ("cdn_s", ["-m", "publishing", "cdn", "-s", "publishconf.py", "--output",
                   str(output)]),
    ):  # fmt: skip
        started = time.perf_counter()
        subprocess.run([sys.executable, *command], cwd=ROOT, env=environ, check=True)
        times[step] = round(time.perf_counter() - started, 2)
    return times


def upload(output: Path, target_dir: Path) -> dict[str, float]:
    """Deploy ``output`` to a local folder; return what was sent."""
    target = make_target({"target": "folder", "path": str(target_dir)})
    started = time.perf_counter()
    summary = deploy(output, target)
    return {
        "files": sum(1 for p in output.rglob("*") if p.is_file()),
        "uploaded": summary.uploaded,
        "bytes": summary.bytes,
        "deleted": summary.deleted,
        "skipped": summary.skipped,
        "deploy_s": round(time.perf_counter() - started, 2),
    }


def main() -> int:
    """Run the measurement and print it as JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1000)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="deploy-bench-") as folder:
        work = Path(folder)
        generate_archive(work, arguments.posts)
        content = work / "content"
        (content / "data" / "site.yml").write_text("url: https://tintuc.example.vn\n")
        target = work / "www"
        target.mkdir()
        report = {"posts": arguments.posts, "first": publish(content, work / "out")}
        report["first"].update(upload(work / "out", target))
        posts = sorted((content / "posts").rglob("*.md"))
        posts = [path for path in posts if not path.name.endswith(".en.md")]
        post = posts[len(posts) // 2]  # a Vietnamese original
        post.write_text(post.read_text() + "\nMột câu mới được thêm vào bài.\n")
        report["edited_post"] = str(post.relative_to(content))
        report["edit"] = publish(content, work / "out")
        report["edit"].update(upload(work / "out", target))
        print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
