// App-wide pieces of the dashboard feature (toolbar / global slots) are registered here.
export {};
