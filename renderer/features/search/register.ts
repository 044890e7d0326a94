// App-wide pieces of the search feature (toolbar / global slots) are registered here.
export {};
