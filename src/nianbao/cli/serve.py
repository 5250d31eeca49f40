"""``nianbao serve``: the county's web page over the inbox ledger, opened in the clerk's browser."""

from __future__ import annotations

import sys
import threading
import webbrowser

import typer

from nianbao.cli.app import app, console, fail


@app.command("serve")
def serve_command(
    db: str = typer.Option("nianbao.sqlite3", "--db", help="台账文件（SQLite），或 postgresql:// 开头的数据库地址"),
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只有本机能打开。其他地址需要设置密码"),
    port: int = typer.Option(8000, "--port", help="端口"),
    no_browser: bool = typer.Option(False, "--no-browser", help="不自动打开浏览器"),
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
    console.print(f"年报汇总网页：{url}（台账 {db}）。按 Ctrl+C 停止。", markup=False)
    if not config.local:
        console.print(f"其他电脑用 http://{reachable_address(host)}:{port}/ 打开。注意：县级页面需要密码；"
                      "各单位的上传链接只能看到本单位。", markup=False)
    if not no_browser:
        threading.Timer(1.0, lambda: webbrowser.open(url)).start()
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _ask_password(prompt: str) -> str:
    """Ask for the new password twice, in Chinese (click's own confirmation speaks English); hidden at a
    terminal (from a pipe there is nothing to hide, and getpass would warn in English)."""
    hide = sys.stdin.isatty()
    while True:
        first = typer.prompt(prompt, hide_input=hide)
        again = typer.prompt("请再输入一次，确认密码", hide_input=hide)
        if first == again:
            return str(first)
        console.print("两次输入的密码不一致，请重新输入。", markup=False)
