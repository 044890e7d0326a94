// App-wide pieces of the sync feature (toolbar / global slots) are registered here.
export {};
