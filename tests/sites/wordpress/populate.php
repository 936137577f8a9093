<?php
/*
 * Fill a Debian-packaged WordPress with the fixture blog (called by record.sh).
 *
 *   php populate.php core   CONFIG PORT CONTENT.json STATE             install WordPress (empty database)
 *   php populate.php fill   CONFIG PORT CONTENT.json STATE THEME PERMALINKS
 *                                                                       settings, users, terms, pages, posts
 *   php populate.php update CONFIG PORT CONTENT.json STATE             bring the posts to another state
 *
 * CONFIG names /etc/wordpress/config-CONFIG.php (Debian's wp-config.php reads WORDPRESS_CONFIG);
 * CONTENT.json is what `record.py content` prints from tests/blogcontent.py.
 */

if (PHP_SAPI !== 'cli' || $argc < 6) {
    fwrite(STDERR, "usage: php populate.php core|fill|update CONFIG PORT CONTENT.json STATE [THEME PERMALINKS]\n");
    exit(2);
}
// WordPress keeps its state in globals ($theme, $post, $content, ...): this file's globals are fx_ ones,
// the work is done inside functions.
[$fx_script, $fx_command, $fx_config, $fx_port, $fx_content_file, $fx_state] = array_slice($argv, 0, 6);
$fx_theme = $argv[6] ?? '';
$fx_permalinks = $argv[7] ?? '';

$_SERVER['WORDPRESS_CONFIG'] = $fx_config;
$_SERVER['HTTP_HOST'] = "127.0.0.1:$fx_port";
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = $fx_port;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

if ($fx_command === 'core') {
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/user.php';
require_once ABSPATH . 'wp-admin/includes/nav-menu.php';
add_filter('pre_wp_mail', '__return_false');   // no mail from the installer

$fx_content = json_decode(file_get_contents($fx_content_file), true, 512, JSON_THROW_ON_ERROR);

function fail($message) {
    fwrite(STDERR, "populate.php: $message\n");
    exit(1);
}

function check($result, $what) {
    if (is_wp_error($result)) {
        fail("$what: " . $result->get_error_message());
    }
    if (!$result) {
        fail("$what failed");
    }
    return $result;
}

function user_id($display_name) {
    global $fx_content;
    foreach ($fx_content['authors'] as $author) {
        if ($author['display'] === $display_name) {
            $user = get_user_by('login', $author['login']);
            return $user ? $user->ID : fail("no user $display_name");
        }
    }
    fail("unknown author $display_name");
}

function term_id($name, $taxonomy) {
    $term = get_term_by('name', $name, $taxonomy);
    return $term ? (int) $term->term_id : fail("no $taxonomy $name");
}

function insert_post($post) {
    // WordPress core has one author per post: the first one.
    $id = check(wp_insert_post([
        'post_type' => 'post',
        'post_status' => 'publish',
        'post_name' => $post['slug'],
        'post_title' => $post['title'],
        'post_content' => $post['content'],
        'post_author' => user_id($post['authors'][0]),
        'post_date' => $post['date'],
        'post_date_gmt' => $post['date_gmt'],
        'comment_status' => 'open',
        'ping_status' => 'closed',
        'post_category' => array_map(fn($c) => term_id($c, 'category'), $post['categories']),
    ], true), "insert post {$post['slug']}");
    check(!is_wp_error(wp_set_post_terms($id, $post['tags'], 'post_tag')), "tags of {$post['slug']}");
    return $id;
}

function post_by_slug($slug) {
    $found = get_posts(['name' => $slug, 'post_type' => 'post', 'post_status' => 'any', 'numberposts' => 1]);
    return $found ? $found[0] : null;
}

function set_modified($id, $local, $gmt) {
    global $wpdb;
    $wpdb->update($wpdb->posts, ['post_modified' => $local, 'post_modified_gmt' => $gmt], ['ID' => $id]);
    clean_post_cache($id);
}

function command_core() {
    global $fx_content;
    $admin = $fx_content['authors'][0];
    $result = wp_install($fx_content['blog']['title'], $admin['login'], $admin['email'], true, '',
                         'fixture-password-' . $admin['login']);
    echo "installed WordPress {$GLOBALS['wp_version']} for user {$result['user_id']}\n";
}

function command_fill($state, $theme, $permalinks) {
    global $fx_content, $wp_rewrite;
    wp_set_current_user(1);   // an administrator: post content is saved unfiltered, as from the editor

    foreach ([
        'blogdescription' => $fx_content['blog']['description'],
        'timezone_string' => $fx_content['blog']['timezone'],
        'gmt_offset' => '',
        'posts_per_page' => 10,
        'posts_per_rss' => 10,
        'rss_use_excerpt' => 0,
        'default_pingback_flag' => 0,
        'default_ping_status' => 'closed',
        'default_comment_status' => 'open',
        'comment_moderation' => 0,
        'show_on_front' => 'posts',
        'blog_public' => 1,
    ] as $name => $value) {
        update_option($name, $value);
    }

    switch_theme($theme);
    if (get_stylesheet() !== $theme) {
        fail("theme $theme not active");
    }
    $wp_rewrite->set_permalink_structure($permalinks);
    $wp_rewrite->set_category_base('');
    $wp_rewrite->set_tag_base('');
    flush_rewrite_rules(false);

    // wp_install's sample post, sample page and draft privacy page go.
    foreach (get_posts(['post_type' => 'any', 'post_status' => 'any', 'numberposts' => -1]) as $old) {
        wp_delete_post($old->ID, true);
    }
    foreach (get_posts(['post_type' => 'page', 'post_status' => 'any', 'numberposts' => -1]) as $old) {
        wp_delete_post($old->ID, true);
    }
    update_option('wp_page_for_privacy_policy', 0);

    // Users: the installer's administrator becomes the first author, the others are authors.
    foreach ($fx_content['authors'] as $i => $author) {
        $fields = [
            'user_login' => $author['login'],
            'user_nicename' => $author['login'],
            'user_email' => $author['email'],
            'display_name' => $author['display'],
            'nickname' => $author['display'],
            'first_name' => $author['first'],
            'last_name' => $author['last'],
            'user_registered' => '2023-12-01 12:00:00',
        ];
        if ($i === 0) {
            $fields['ID'] = 1;
            unset($fields['user_login']);
            check(wp_update_user($fields), "update user {$author['login']}");
        } else {
            $fields['user_pass'] = 'fixture-password-' . $author['login'];
            $fields['role'] = 'author';
            check(wp_insert_user($fields), "insert user {$author['login']}");
        }
    }

    // Categories (the default "Uncategorized", term 1, becomes the first one) and tags.
    foreach ($fx_content['categories'] as $i => $category) {
        if ($i === 0) {
            check(wp_update_term(1, 'category', ['name' => $category['name'], 'slug' => $category['slug']]),
                  'rename default category');
        } else {
            check(wp_insert_term($category['name'], 'category', ['slug' => $category['slug']]), $category['name']);
        }
    }
    foreach ($fx_content['tags'] as $tag) {
        check(wp_insert_term($tag['name'], 'post_tag', ['slug' => $tag['slug']]), $tag['name']);
    }

    $page_ids = [];
    foreach ($fx_content['pages'] as $page) {
        $page_ids[] = check(wp_insert_post([
            'post_type' => 'page',
            'post_status' => 'publish',
            'post_name' => $page['slug'],
            'post_title' => $page['title'],
            'post_content' => $page['content'],
            'post_author' => 1,
            'post_date' => $page['date'],
            'post_date_gmt' => $page['date_gmt'],
            'comment_status' => 'closed',
            'ping_status' => 'closed',
        ], true), "page {$page['slug']}");
    }

    foreach ($fx_content['states'][$state] as $post) {
        insert_post($post);
    }

    // Reader comments (not users of the blog), approved.
    $comment_ids = [];
    foreach ($fx_content['comments'] as $i => $comment) {
        $post = post_by_slug($comment['post']) ?: fail("no post {$comment['post']} for a comment");
        $comment_ids[$i] = check(wp_insert_comment([
            'comment_post_ID' => $post->ID,
            'comment_author' => $comment['author'],
            'comment_author_email' => $comment['email'],
            'comment_author_url' => '',
            'comment_author_IP' => '127.0.0.1',
            'comment_content' => $comment['text'],
            'comment_date' => $comment['date'],
            'comment_date_gmt' => $comment['date_gmt'],
            'comment_approved' => 1,
            'comment_type' => 'comment',
            'comment_parent' => $comment['reply_to'] === null ? 0 : $comment_ids[$comment['reply_to']],
            'user_id' => 0,
        ]), "comment $i");
    }

    // Classic themes show no menu until one is assigned: About and Contact in the primary menu.
    if (!wp_is_block_theme()) {
        $menu = check(wp_create_nav_menu('Main'), 'menu');
        foreach ($page_ids as $position => $page_id) {
            check(wp_update_nav_menu_item($menu, 0, [
                'menu-item-object-id' => $page_id,
                'menu-item-object' => 'page',
                'menu-item-type' => 'post_type',
                'menu-item-status' => 'publish',
                'menu-item-position' => $position + 1,
            ]), 'menu item');
        }
        set_theme_mod('nav_menu_locations', ['primary' => $menu]);
    }
    echo "filled $state: " . count($fx_content['states'][$state]) . " posts, theme $theme, permalinks $permalinks\n";
}

function command_update($state) {
    global $fx_content;
    wp_set_current_user(1);
    $wanted = [];
    foreach ($fx_content['states'][$state] as $post) {
        $wanted[$post['slug']] = $post;
    }
    foreach (get_posts(['post_type' => 'post', 'post_status' => 'any', 'numberposts' => -1]) as $old) {
        if (!isset($wanted[$old->post_name])) {
            check(wp_delete_post($old->ID, true), "delete {$old->post_name}");
            echo "deleted {$old->post_name}\n";
        }
    }
    foreach ($wanted as $slug => $post) {
        $old = post_by_slug($slug);
        if (!$old) {
            insert_post($post);
            echo "added $slug\n";
        } elseif ($old->post_title !== $post['title'] || $old->post_content !== $post['content']) {
            check(wp_update_post(['ID' => $old->ID, 'post_title' => $post['title'],
                                  'post_content' => $post['content']], true), "update $slug");
            // The edit is dated as in blogcontent (not "now"), so that a re-recording is the same.
            set_modified($old->ID, $post['modified'], $post['modified_gmt']);
            echo "edited $slug\n";
        }
    }
}

switch ($fx_command) {
case 'core':
    command_core();
    break;
case 'fill':
    command_fill($fx_state, $fx_theme, $fx_permalinks);
    break;
case 'update':
    command_update($fx_state);
    break;
default:
    fail("unknown command $fx_command");
}
