"""Writes the topology's nginx.conf from the bench CLI's own nginx template (what `bench setup nginx`
renders), for one site on one port, with the upstream spread over several gunicorn web nodes.

Run with the bench CLI's Python (it imports `bench`):
    python topology_nginx.py BENCH SITE LISTEN_PORT SOCKETIO_PORT OUT_DIR WEB_PORT [WEB_PORT ...]
"""

import os
import pwd
import re
import sys

import bench.config
from bench.utils import get_bench_name


def server_conf(bench_path: str, site: str, port: int, socketio_port: int, web_ports: list[int]) -> str:
	template = bench.config.env().get_template("nginx.conf")
	rendered = template.render(
		sites_path=os.path.join(bench_path, "sites"),
		http_timeout=120,
		sites={
			"that_use_port": [{"name": site, "port": port}],
			"that_use_dns": [],
			"that_use_ssl": [],
			"that_use_wildcard_ssl": [],
			"domain_map": {},
		},
		webserver_port=web_ports[0],
		socketio_port=socketio_port,
		bench_name=get_bench_name(bench_path),
		error_pages={},
		allow_rate_limiting=False,
		random_string="topology",
	)
	# Loopback only: this is a proof on one machine, not a public server.
	rendered = re.sub(r"listen \[::\]:\d+;\n", "", rendered)
	rendered = rendered.replace(f"listen {port};", f"listen 127.0.0.1:{port};")
	# The template knows one web server; production has several behind one upstream.
	single = f"\tserver 127.0.0.1:{web_ports[0]} fail_timeout=0;\n"
	if single not in rendered:
		raise SystemExit("bench's nginx template changed: no single upstream server line found")
	several = "".join(f"\tserver 127.0.0.1:{p} max_fails=1 fail_timeout=5s;\n" for p in web_ports)
	return rendered.replace(single, several, 1)


def main_conf(out_dir: str) -> str:
	"""The nginx process's own file: its pid, logs and temp files in out_dir, not in /var."""
	# As root, nginx's workers would run as nobody and could not read the bench's assets.
	user = f"user {pwd.getpwuid(os.getuid()).pw_name};\n" if os.getuid() == 0 else ""
	return f"""{user}worker_processes 2;
pid {out_dir}/nginx.pid;
error_log {out_dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log {out_dir}/nginx-access.log;
	client_body_temp_path {out_dir}/nginx-tmp/body;
	proxy_temp_path {out_dir}/nginx-tmp/proxy;
	fastcgi_temp_path {out_dir}/nginx-tmp/fastcgi;
	uwsgi_temp_path {out_dir}/nginx-tmp/uwsgi;
	scgi_temp_path {out_dir}/nginx-tmp/scgi;
	client_max_body_size 50m;
	map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
	include {out_dir}/site.conf;
}}
"""


def main():
	bench_path, site, port, socketio_port, out_dir, *web_ports = sys.argv[1:]
	os.makedirs(os.path.join(out_dir, "nginx-tmp"), exist_ok=True)
	with open(os.path.join(out_dir, "site.conf"), "w") as f:
		f.write(server_conf(bench_path, site, int(port), int(socketio_port), [int(p) for p in web_ports]))
	with open(os.path.join(out_dir, "nginx.conf"), "w") as f:
		f.write(main_conf(out_dir))


if __name__ == "__main__":
	main()
