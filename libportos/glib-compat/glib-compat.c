/*
 * glib-compat.c - type-correct replacements for GLib calls that cast
 * callbacks to other function types
 *
 * The comparator travels to GLib's *_with_data variants inside a struct
 * (a function pointer cannot be converted to gpointer in ISO C), and a
 * trampoline of the exact GCompareDataFunc type calls it.
 */
#include <portos/glib-compat.h>

typedef struct {
    GCompareFunc cmp;
} CompareBox;

static gint compare_tramp(gconstpointer a, gconstpointer b, gpointer data)
{
    const CompareBox *box = data;

    return box->cmp(a, b);
}

GList *portos_g_list_sort(GList *list, GCompareFunc cmp)
{
    CompareBox box = { cmp };

    return g_list_sort_with_data(list, compare_tramp, &box);
}

GSList *portos_g_slist_sort(GSList *list, GCompareFunc cmp)
{
    CompareBox box = { cmp };

    return g_slist_sort_with_data(list, compare_tramp, &box);
}

GList *portos_g_list_insert_sorted(GList *list, gpointer data, GCompareFunc cmp)
{
    CompareBox box = { cmp };

    return g_list_insert_sorted_with_data(list, data, compare_tramp, &box);
}

GSList *portos_g_slist_insert_sorted(GSList *list, gpointer data, GCompareFunc cmp)
{
    CompareBox box = { cmp };

    return g_slist_insert_sorted_with_data(list, data, compare_tramp, &box);
}

void portos_g_list_free_full(GList *list, GDestroyNotify free_func)
{
    for (GList *l = list; l; l = l->next) {
        free_func(l->data);
    }
    g_list_free(list);
}

void portos_g_slist_free_full(GSList *list, GDestroyNotify free_func)
{
    for (GSList *l = list; l; l = l->next) {
        free_func(l->data);
    }
    g_slist_free(list);
}

void portos_g_ptr_array_sort(GPtrArray *array, GCompareFunc cmp)
{
    CompareBox box = { cmp };

    g_ptr_array_sort_with_data(array, compare_tramp, &box);
}
