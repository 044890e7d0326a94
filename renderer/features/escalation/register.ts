// App-wide pieces of the escalation feature (toolbar / global slots) are registered here.
export {};
