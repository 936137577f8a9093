#!/usr/bin/env bash
# Re-record the WordPress fixture blogs from a real WordPress installed from Debian packages.
#
#   bash tests/sites/wordpress/record.sh            # both sites
#   bash tests/sites/wordpress/record.sh classic    # tests/sites/wordpress only (v1 and v2)
#   bash tests/sites/wordpress/record.sh block      # tests/sites/wordpress-block only (v1)
#
# Needs a Debian 12 machine and root (it installs packages with apt-get). Everything it starts
# (a private MariaDB, php-fpm and nginx, all listening only on 127.0.0.1 or on sockets in a
# temporary folder) is stopped again when it exits; the only files it leaves outside the
# temporary folder are the installed packages. The host-specific WordPress configs it writes to
# /etc/wordpress/ (Debian's layout) are removed at exit. KEEP_RUNNING=1 leaves the services up (for
# a look at the live site; stop them by the pids in the work folder it prints).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TESTS="$(cd "$HERE/../.." && pwd)"
SITES="$TESTS/sites"
WHICH="${1:-all}"
CLASSIC_PORT="${CLASSIC_PORT:-8471}"
BLOCK_PORT="${BLOCK_PORT:-8472}"
case "$WHICH" in all|classic|block) ;; *) echo "usage: $0 [all|classic|block]" >&2; exit 2;; esac
[ "$(id -u)" = 0 ] || { echo "run as root (apt-get, services)" >&2; exit 1; }

# ---------------------------------------------------------------- packages
# php-xml: WordPress's core sitemaps need SimpleXML (without it /wp-sitemap.xml answers 501).
PACKAGES="php-fpm php-cli php-mysql php-xml php-mbstring wordpress wordpress-theme-twentytwentyone
          wordpress-theme-twentytwentythree mariadb-server nginx curl python3"
missing=""
for p in $PACKAGES; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
    echo "== installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends $PACKAGES
fi
PY=/usr/bin/python3
PHPFPM="$(ls /usr/sbin/php-fpm* | sort -V | tail -1)"
WP_ROOT=/usr/share/wordpress
WP_VERSION="$(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$WP_ROOT/wp-includes/version.php")"
echo "== WordPress $WP_VERSION, $(basename "$PHPFPM"), $(nginx -v 2>&1)"

# ---------------------------------------------------------------- private services
WORK="$(mktemp -d /tmp/wpfixture.XXXXXX)"
chmod 755 "$WORK"
CONFIGS=()
cleanup() {
    set +e
    if [ -n "${KEEP_RUNNING:-}" ]; then echo "services left running; work folder $WORK"; return; fi
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null
    [ -f "$WORK/php-fpm.pid" ] && kill "$(cat "$WORK/php-fpm.pid")" 2>/dev/null
    [ -f "$WORK/run/mariadb.pid" ] && kill "$(cat "$WORK/run/mariadb.pid")" 2>/dev/null
    sleep 2
    for c in "${CONFIGS[@]}"; do rm -f "$c"; done
    rm -rf "$WORK"
}
trap cleanup EXIT

echo "== MariaDB (private, socket only)"
mkdir -p "$WORK/db" "$WORK/run"
chown mysql:mysql "$WORK/db" "$WORK/run"
mariadb-install-db --no-defaults --user=mysql --datadir="$WORK/db" \
    --auth-root-authentication-method=socket >"$WORK/install-db.log" 2>&1
/usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$WORK/db" --socket="$WORK/run/mysql.sock" \
    --pid-file="$WORK/run/mariadb.pid" --skip-networking --log-error="$WORK/run/mariadb.err" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci &
for _ in $(seq 60); do [ -S "$WORK/run/mysql.sock" ] && break; sleep 0.5; done
[ -S "$WORK/run/mysql.sock" ] || { cat "$WORK/run/mariadb.err"; exit 1; }
sql() { mariadb --no-defaults --socket="$WORK/run/mysql.sock" -uroot -e "$1"; }
sql "CREATE DATABASE wp_classic; CREATE DATABASE wp_block;
     CREATE USER 'wpfixture'@'localhost' IDENTIFIED BY 'fixture';
     GRANT ALL ON wp_classic.* TO 'wpfixture'@'localhost';
     GRANT ALL ON wp_block.* TO 'wpfixture'@'localhost';"

# Debian's /usr/share/wordpress/wp-config.php loads /etc/wordpress/config-<WORDPRESS_CONFIG>.php
# (or config-<host>.php); nginx passes WORDPRESS_CONFIG per site, the PHP helper sets it itself.
write_config() {  # name port database
    local file="/etc/wordpress/config-$1.php"
    CONFIGS+=("$file")
    cat >"$file" <<EOF
<?php
define('DB_NAME', '$3');
define('DB_USER', 'wpfixture');
define('DB_PASSWORD', 'fixture');
define('DB_HOST', 'localhost:$WORK/run/mysql.sock');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', 'http://127.0.0.1:$2');
define('WP_SITEURL', 'http://127.0.0.1:$2');
define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_DEBUG', false);
define('AUTH_KEY', 'fixture-1'); define('SECURE_AUTH_KEY', 'fixture-2');
define('LOGGED_IN_KEY', 'fixture-3'); define('NONCE_KEY', 'fixture-4');
define('AUTH_SALT', 'fixture-5'); define('SECURE_AUTH_SALT', 'fixture-6');
define('LOGGED_IN_SALT', 'fixture-7'); define('NONCE_SALT', 'fixture-8');
\$table_prefix = 'wp_';
EOF
    chown root:www-data "$file"
    chmod 640 "$file"
}
write_config blogarchive-classic "$CLASSIC_PORT" wp_classic
write_config blogarchive-block "$BLOCK_PORT" wp_block

echo "== php-fpm (private pool)"
cat >"$WORK/php-fpm.conf" <<EOF
[global]
pid = $WORK/php-fpm.pid
error_log = $WORK/php-fpm.log
daemonize = yes
[fixture]
user = www-data
group = www-data
listen = $WORK/php-fpm.sock
listen.owner = www-data
listen.group = www-data
pm = static
pm.max_children = 4
clear_env = no
EOF
"$PHPFPM" --fpm-config "$WORK/php-fpm.conf"

echo "== nginx (private, 127.0.0.1:$CLASSIC_PORT and :$BLOCK_PORT)"
server_block() {  # port config-name
    cat <<EOF
    server {
        listen 127.0.0.1:$1;
        server_name 127.0.0.1;
        root $WP_ROOT;
        index index.php;
        location / { try_files \$uri \$uri/ /index.php?\$args; }
        location ~ ^/wp-content/(.*)\$ { alias /var/lib/wordpress/wp-content/\$1; }
        location ~ \\.php\$ {
            include /etc/nginx/fastcgi_params;
            fastcgi_param SCRIPT_FILENAME \$request_filename;
            # Debian's fastcgi_params passes HTTP_HOST as \$host, without the port, and WordPress then
            # redirects every page to itself (its home has a port): pass the Host header as sent.
            fastcgi_param HTTP_HOST \$http_host;
            fastcgi_param WORDPRESS_CONFIG $2;
            fastcgi_pass unix:$WORK/php-fpm.sock;
        }
    }
EOF
}
cat >"$WORK/nginx.conf" <<EOF
user www-data;
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 64; }
http {
    include /etc/nginx/mime.types;
    access_log off;
    client_body_temp_path $WORK/nginx-body;
    fastcgi_temp_path $WORK/nginx-fastcgi;
    proxy_temp_path $WORK/nginx-proxy;
    uwsgi_temp_path $WORK/nginx-uwsgi;
    scgi_temp_path $WORK/nginx-scgi;
$(server_block "$CLASSIC_PORT" blogarchive-classic)
$(server_block "$BLOCK_PORT" blogarchive-block)
}
EOF
nginx -c "$WORK/nginx.conf"

# ---------------------------------------------------------------- content, build, record
"$PY" "$HERE/record.py" content --tests "$TESTS" >"$WORK/content.json"
wp() { php "$HERE/populate.php" "$@"; }
site() {  # config port state theme permalinks: a fresh WordPress filled with one state
    wp core "$1" "$2" "$WORK/content.json" "$3"
    wp fill "$1" "$2" "$WORK/content.json" "$3" "$4" "$5"
}

if [ "$WHICH" != block ]; then
    echo "== wordpress (Twenty Twenty-One, date permalinks): v1"
    site blogarchive-classic "$CLASSIC_PORT" v1 twentytwentyone '/%year%/%monthnum%/%day%/%postname%/'
    rm -rf "$SITES/wordpress/v1" "$SITES/wordpress/v2"
    "$PY" "$HERE/record.py" record --tests "$TESTS" --origin "http://127.0.0.1:$CLASSIC_PORT" \
        --flavor classic --state v1 --out "$SITES/wordpress/v1"
    echo "== wordpress: v2"
    wp update blogarchive-classic "$CLASSIC_PORT" "$WORK/content.json" v2
    "$PY" "$HERE/record.py" record --tests "$TESTS" --origin "http://127.0.0.1:$CLASSIC_PORT" \
        --flavor classic --state v2 --out "$SITES/wordpress/v2"
    "$PY" "$HERE/record.py" expected --tests "$TESTS" --flavor classic --states v1,v2 \
        --out "$SITES/wordpress/expected.json"
fi
if [ "$WHICH" != classic ]; then
    echo "== wordpress-block (Twenty Twenty-Three, /%postname%/): v1"
    site blogarchive-block "$BLOCK_PORT" v1 twentytwentythree '/%postname%/'
    mkdir -p "$SITES/wordpress-block"
    rm -rf "$SITES/wordpress-block/v1"
    "$PY" "$HERE/record.py" record --tests "$TESTS" --origin "http://127.0.0.1:$BLOCK_PORT" \
        --flavor block --state v1 --out "$SITES/wordpress-block/v1"
    "$PY" "$HERE/record.py" expected --tests "$TESTS" --flavor block --states v1 \
        --out "$SITES/wordpress-block/expected.json"
fi
echo "== done (WordPress $WP_VERSION)"
du -sh "$SITES"/wordpress*/v* 2>/dev/null || true
