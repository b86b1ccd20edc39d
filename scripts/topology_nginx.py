"""Writes the topology's nginx.conf: the bench CLI's own nginx template (what `bench setup nginx`
renders) for one site on one port, with the upstream spread over several gunicorn web nodes, and the
two doors of deploy/nginx_doors.py (internet door, staff door) in front of the same web nodes.

Run with the bench CLI's Python (it imports `bench`):
    python topology_nginx.py BENCH SITE LISTEN_PORT SOCKETIO_PORT OUT_DIR WEB_PORT [WEB_PORT ...]
The doors' settings come from the environment (scripts/topology.sh sets them): MNC_INTERNET_DOOR_PORT,
MNC_STAFF_DOOR_PORT, MNC_LB_ADDRESS, MNC_STAFF_NETWORKS, MNC_PUBLIC_DISPLAY.
"""

import json
import os
import pwd
import re
import sys
from pathlib import Path

import bench.config
from bench.utils import get_bench_name

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "deploy"))
import nginx_doors


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
	include {out_dir}/doors.conf;
}}
"""


def doors_settings(
	bench_path: str, site: str, socketio_port: int, out_dir: str, web_ports: list[int]
) -> dict:
	"""On loopback: the load balancer is 127.0.0.2 (Linux answers on all of 127.0.0.0/8), LGWAN is
	127.0.0.1 itself plus a range that only arrives through the load balancer."""
	internet_port = int(os.environ.get("MNC_INTERNET_DOOR_PORT", 8091))
	return {
		"site": site,
		"internet_port": internet_port,
		"staff_port": int(os.environ.get("MNC_STAFF_DOOR_PORT", 8092)),
		"load_balancer": os.environ.get("MNC_LB_ADDRESS", "127.0.0.2"),
		"staff_networks": os.environ.get("MNC_STAFF_NETWORKS", "127.0.0.1/32 10.20.0.0/16").split(),
		"public_display": os.environ.get("MNC_PUBLIC_DISPLAY", "1") == "1",
		"inner_socket": os.path.join(out_dir, "run", "internet-door.sock"),
		"sites_path": os.path.join(bench_path, "sites"),
		"socketio_port": socketio_port,
		"web_ports": web_ports,
		"public_origin": f"http://{site}:{internet_port}",
	}


def doors_conf(settings: dict) -> str:
	doors = nginx_doors.Doors(
		sites=[nginx_doors.Site.parse(settings["site"], settings["public_origin"])],
		sites_path=settings["sites_path"],
		backends=[f"127.0.0.1:{p}" for p in settings["web_ports"]],
		socketio=f"127.0.0.1:{settings['socketio_port']}",
		internet_listen=f"127.0.0.1:{settings['internet_port']}",
		staff_listen=f"127.0.0.1:{settings['staff_port']}",
		inner_socket=settings["inner_socket"],
		staff_networks=settings["staff_networks"],
		trusted_proxies=[settings["load_balancer"]],
		public_display=settings["public_display"],
	)
	return nginx_doors.render(doors, nginx_doors.load_allowlist())


def main():
	bench_path, site, port, socketio_port, out_dir, *web_ports = sys.argv[1:]
	os.makedirs(os.path.join(out_dir, "nginx-tmp"), exist_ok=True)
	ports = [int(p) for p in web_ports]
	with open(os.path.join(out_dir, "site.conf"), "w") as f:
		f.write(server_conf(bench_path, site, int(port), int(socketio_port), ports))
	settings = doors_settings(bench_path, site, int(socketio_port), out_dir, ports)
	with open(os.path.join(out_dir, "doors.conf"), "w") as f:
		f.write(doors_conf(settings))
	# scripts/check_doors.py and check_rate_limits.py read what the doors were made with
	with open(os.path.join(out_dir, "doors.json"), "w") as f:
		json.dump(settings, f, indent=1)
	with open(os.path.join(out_dir, "nginx.conf"), "w") as f:
		f.write(main_conf(out_dir))


if __name__ == "__main__":
	main()
