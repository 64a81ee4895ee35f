/*
 * test-glib-compat.c - the type-correct replacements behave like GLib's
 */
#include "../portos-test.h"

#include <portos/glib-compat.h>

#include <stdlib.h>

typedef struct {
    int key;
    int seq; /* insertion order, to check stability */
} Item;

static gint by_key(gconstpointer a, gconstpointer b)
{
    const Item *x = a, *y = b;

    return (x->key > y->key) - (x->key < y->key);
}

static gint by_key_ptr(gconstpointer a, gconstpointer b)
{
    return by_key(*(Item *const *)a, *(Item *const *)b);
}

#define N 200

static Item *make_items(void)
{
    Item *items = g_new(Item, N);

    for (int i = 0; i < N; i++) {
        items[i].key = (i * 37) % 23; /* many equal keys */
        items[i].seq = i;
    }
    return items;
}

static void check_sorted(const Item *prev, const Item *cur)
{
    ck_assert_int_le(prev->key, cur->key);
    if (prev->key == cur->key) {
        ck_assert_int_lt(prev->seq, cur->seq);
    }
}

START_TEST(test_list_sort)
{
    Item *items = make_items();
    GList *l = NULL;
    int n = 0;

    for (int i = N - 1; i >= 0; i--) {
        l = g_list_prepend(l, &items[i]);
    }
    l = portos_g_list_sort(l, by_key);
    for (GList *it = l; it; it = it->next, n++) {
        if (it->prev) {
            check_sorted(it->prev->data, it->data);
        }
    }
    ck_assert_int_eq(n, N);
    g_list_free(l);
    g_free(items);
}
END_TEST

START_TEST(test_slist_sort)
{
    Item *items = make_items();
    GSList *l = NULL;
    int n = 0;

    for (int i = N - 1; i >= 0; i--) {
        l = g_slist_prepend(l, &items[i]);
    }
    l = portos_g_slist_sort(l, by_key);
    for (GSList *it = l; it; it = it->next, n++) {
        if (it->next) {
            check_sorted(it->data, it->next->data);
        }
    }
    ck_assert_int_eq(n, N);
    g_slist_free(l);
    g_free(items);
}
END_TEST

START_TEST(test_insert_sorted)
{
    Item *items = make_items();
    GList *l = NULL;
    GSList *sl = NULL;

    for (int i = 0; i < N; i++) {
        l = portos_g_list_insert_sorted(l, &items[i], by_key);
        sl = portos_g_slist_insert_sorted(sl, &items[i], by_key);
    }
    ck_assert_uint_eq(g_list_length(l), N);
    ck_assert_uint_eq(g_slist_length(sl), N);
    for (GList *it = l; it && it->next; it = it->next) {
        ck_assert_int_le(((Item *)it->data)->key, ((Item *)it->next->data)->key);
    }
    for (GSList *it = sl; it && it->next; it = it->next) {
        ck_assert_int_le(((Item *)it->data)->key, ((Item *)it->next->data)->key);
    }
    g_list_free(l);
    g_slist_free(sl);
    g_free(items);
}
END_TEST

static int freed;

static void count_free(gpointer p)
{
    freed++;
    g_free(p);
}

START_TEST(test_free_full)
{
    GList *l = NULL;
    GSList *sl = NULL;

    freed = 0;
    for (int i = 0; i < 10; i++) {
        l = g_list_prepend(l, g_malloc(8));
        sl = g_slist_prepend(sl, g_malloc(8));
    }
    portos_g_list_free_full(l, count_free);
    portos_g_slist_free_full(sl, count_free);
    ck_assert_int_eq(freed, 20);
    portos_g_list_free_full(NULL, count_free);
    ck_assert_int_eq(freed, 20);
}
END_TEST

START_TEST(test_ptr_array_sort)
{
    Item *items = make_items();
    GPtrArray *a = g_ptr_array_new();

    for (int i = 0; i < N; i++) {
        g_ptr_array_add(a, &items[i]);
    }
    portos_g_ptr_array_sort(a, by_key_ptr);
    for (guint i = 1; i < a->len; i++) {
        ck_assert_int_le(((Item *)a->pdata[i - 1])->key, ((Item *)a->pdata[i])->key);
    }
    g_ptr_array_free(a, TRUE);
    g_free(items);
}
END_TEST

Suite *suite_glib_compat(void)
{
    Suite *s = suite_create("glib-compat");
    TCase *tc = tcase_create("replacements");

    tcase_add_test(tc, test_list_sort);
    tcase_add_test(tc, test_slist_sort);
    tcase_add_test(tc, test_insert_sorted);
    tcase_add_test(tc, test_free_full);
    tcase_add_test(tc, test_ptr_array_sort);
    suite_add_tcase(s, tc);
    return s;
}
