"""``nianbao serve``: the county's web page over the inbox ledger, opened in the clerk's browser."""

from __future__ import annotations

import sys
import threading
import webbrowser

import typer

from nianbao.cli.app import app, console, fail
from nianbao.wording import cli as words


@app.command("serve")
def serve_command(
    db: str = typer.Option("nianbao.sqlite3", "--db", help=words.SERVE_DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help=words.SERVE_HOST_HELP),
    port: int = typer.Option(8000, "--port", help=words.SERVE_PORT_HELP),
    no_browser: bool = typer.Option(False, "--no-browser", help=words.SERVE_NO_BROWSER_HELP),
) -> None:
    """打开县级汇总的网页：看板、上传、单位、汇总，以及发给各单位的上传链接。按 Ctrl+C 停止。"""
    import uvicorn

    from nianbao.inbox import InboxError
    from nianbao.web import WebConfig, create_app
    from nianbao.web.security import reachable_address
    from nianbao.web.serving import ServeRefused, prepare

    config = WebConfig(db=db, host=host, port=port)
    try:
        web = create_app(config)
        prepare(web, ask=_ask_password)
    except (ServeRefused, InboxError) as exc:
        raise fail(str(exc)) from None
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    console.print(words.SERVING_AT.format(url=url, db=db), markup=False)
    if not config.local:
        console.print(words.REACHABLE_FROM_OTHER_PCS.format(reachable_address=reachable_address(host), port=port), markup=False)
    if not no_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _ask_password(prompt: str) -> str:
    """Ask for the new password twice, in Chinese (click's own confirmation speaks English); hidden at a
    terminal (from a pipe there is nothing to hide, and getpass would warn in English)."""
    hide = sys.stdin.isatty()
    while True:
        first = typer.prompt(prompt, hide_input=hide)
        again = typer.prompt(words.CONFIRM_PASSWORD_PROMPT, hide_input=hide)
        if first == again:
            return str(first)
        console.print(words.PASSWORDS_DIFFER, markup=False)
