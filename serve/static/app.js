console.log("yusuan")
