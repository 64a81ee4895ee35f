/*
 * portos/glib-compat.h - GLib without function-pointer casts
 *
 * Some GLib entry points store a callback under one pointer type and call
 * it through another (g_list_sort calls a GCompareFunc as a
 * GCompareDataFunc, g_list_free_full calls a GDestroyNotify as a GFunc...).
 * Native ABIs forgive that; WebAssembly traps ("function signature
 * mismatch"). This header poisons those entry points so they cannot be
 * used by mistake, and gives type-correct replacements.
 */
#ifndef PORTOS_GLIB_COMPAT_H
#define PORTOS_GLIB_COMPAT_H

#include <glib.h>

#ifdef __cplusplus
extern "C" {
#endif

/** portos_g_list_sort: stable merge sort of @list with @cmp. */
GList *portos_g_list_sort(GList *list, GCompareFunc cmp);

/** portos_g_slist_sort: stable merge sort of @list with @cmp. */
GSList *portos_g_slist_sort(GSList *list, GCompareFunc cmp);

/** portos_g_list_insert_sorted: insert @data in order, as g_list_insert_sorted(). */
GList *portos_g_list_insert_sorted(GList *list, gpointer data, GCompareFunc cmp);

/** portos_g_slist_insert_sorted: insert @data in order, as g_slist_insert_sorted(). */
GSList *portos_g_slist_insert_sorted(GSList *list, gpointer data, GCompareFunc cmp);

/** portos_g_list_free_full: free @list, calling @free_func on each element. */
void portos_g_list_free_full(GList *list, GDestroyNotify free_func);

/** portos_g_slist_free_full: free @list, calling @free_func on each element. */
void portos_g_slist_free_full(GSList *list, GDestroyNotify free_func);

/** portos_g_ptr_array_sort: sort @array; @cmp gets pointers to the elements. */
void portos_g_ptr_array_sort(GPtrArray *array, GCompareFunc cmp);

#ifdef __cplusplus
}
#endif

/* Each of these casts its callback to another function type inside GLib. */
#pragma GCC poison g_list_sort g_slist_sort g_list_insert_sorted
#pragma GCC poison g_slist_insert_sorted g_list_free_full g_slist_free_full
#pragma GCC poison g_ptr_array_sort g_array_sort g_queue_free_full g_tree_new

#endif
